#pragma once
// Per-process wait events for --trace: a fixed-size single-producer ring in shared
// memory that the process appends to on its wait slow path (blocking.hpp) and the
// supervisor drains about once a millisecond (src/trace.cpp). It exists only when the
// run is traced; untraced, the pointer below is null and nothing is recorded. A full
// ring drops the event and counts the drop: the traced process never waits for the
// supervisor.
#include <atomic>
#include <cstdint>

namespace mpl::detail {

// What a process waits for; also what block_until() charges the time to.
enum class wait_kind : std::uint32_t { none = 0, input = 1, output = 2 };

// Besides waits, a process marks the moments the supervisor cannot see: a pool worker
// retrying an item whose body threw (it retries in the same process).
inline constexpr std::uint32_t trace_retry = 16;

struct trace_event {
  std::uint64_t ns;       // monotonic clock, as every process reads it
  std::uint32_t kind;     // wait_kind waited for, or trace_retry
  std::uint32_t detail;   // a wait: 1 began, 0 ended; a retry: the item (low 32 bits)
};

// 8192 events of 16 bytes (128 KiB per process): 8 ms of drain lag at a million waits
// a second before anything is dropped.
inline constexpr std::uint32_t trace_ring_events = 8192;

struct trace_ring {
  alignas(64) std::atomic<std::uint64_t> tail{0};  // written by the traced process
  std::atomic<std::uint64_t> dropped{0};           // events lost to a full ring
  alignas(64) std::atomic<std::uint64_t> head{0};  // written by the supervisor
  alignas(64) trace_event events[trace_ring_events];

  void push(std::uint64_t ns, wait_kind kind, bool begin) {
    push(ns, static_cast<std::uint32_t>(kind), begin ? 1u : 0u);
  }
  void push(std::uint64_t ns, std::uint32_t kind, std::uint32_t detail) {
    std::uint64_t at = tail.load(std::memory_order_relaxed);
    if (at - head.load(std::memory_order_acquire) >= trace_ring_events) {
      dropped.store(dropped.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      return;
    }
    events[at % trace_ring_events] = {ns, kind, detail};
    tail.store(at + 1, std::memory_order_release);
  }
};

// This process's ring; null unless the run is traced (set in the child before its body).
extern trace_ring* trace_events;

}  // namespace mpl::detail
