#pragma once
// Waiting for a queue condition: spin briefly (the other side is usually a few hundred
// nanoseconds away), yield a little (2 cores shared by many processes), then sleep on
// the wait point's futex. Every sleep has a timeout so an abort is noticed even if a
// wake-up were missed; correctness does not rely on it (see futex.hpp).
#include "mpl/futex.hpp"
#include "mpl/stress.hpp"
#include "mpl/queue_layout.hpp"
#include "mpl/trace_ring.hpp"

#include <chrono>
#include <cstdint>
#include <sched.h>

namespace mpl::detail {

// Set by the supervisor: spinning only pays when every process has a CPU of its own;
// with more processes than CPUs a spinning waiter steals time from the one it waits for.
extern int spin_rounds;
inline constexpr int yield_rounds = 8;
inline constexpr long sleep_timeout_ns = 100'000'000;

// Publishes this process's batched ring indices (SPSC heads and tails; ring_reader.cpp);
// called before sleeping.
void publish_all_pending();
class ring_writer;
void track_writer(ring_writer* writer, bool live);

inline std::uint64_t monotonic_ns() {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

// Returns once ready() is true; adds the time spent past the spin to the stats'
// blocked_in_ns or blocked_out_ns (by `kind`). Throws run_aborted when the supervisor
// stops the run. Only this slow path records waits: while a process waits, its stats say
// since when and for what (the supervisor's live view reads them), and a traced run
// gets a begin and an end event. A wait that ends within the spin is not recorded.
template <class Ready>
void block_until(wait_point& point, Ready&& ready, process_stats& stats, wait_kind kind) {
  for (int i = 0; i < spin_rounds; ++i) {
    if (ready()) return;
    cpu_relax();
  }
  publish_all_pending();
  std::uint64_t start = monotonic_ns();
  stats.wait_kind.store(static_cast<std::uint32_t>(kind), std::memory_order_relaxed);
  stats.waiting_since.store(start, std::memory_order_release);
  if (trace_events) trace_events->push(start, kind, true);
  struct account {
    std::uint64_t start;
    process_stats& stats;
    wait_kind kind;
    ~account() {
      std::uint64_t end = monotonic_ns();
      (kind == wait_kind::input ? stats.blocked_in_ns : stats.blocked_out_ns) += end - start;
      stats.waiting_since.store(0, std::memory_order_release);
      if (trace_events) trace_events->push(end, kind, false);
    }
  } accounting{start, stats, kind};
  for (int i = 0; i < yield_rounds; ++i) {
    if (ready()) return;
    sched_yield();
  }
  for (;;) {
    if (run_is_aborted()) throw_run_aborted();
    MPL_STRESS_POINT();
    point.sleepers.fetch_add(1, std::memory_order_seq_cst);
    heavy_barrier();
    std::uint32_t seen = point.event.load(std::memory_order_seq_cst);
    if (ready()) {
      point.sleepers.fetch_sub(1, std::memory_order_relaxed);
      return;
    }
    futex_wait(point.event, seen, sleep_timeout_ns);
    point.sleepers.fetch_sub(1, std::memory_order_relaxed);
    if (ready()) return;
  }
}

inline void raise_high_water(std::atomic<std::uint64_t>& high_water, std::uint64_t seen) {
  std::uint64_t current = high_water.load(std::memory_order_relaxed);
  while (seen > current &&
         !high_water.compare_exchange_weak(current, seen, std::memory_order_relaxed)) {
  }
}

}  // namespace mpl::detail
