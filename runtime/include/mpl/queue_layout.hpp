#pragma once
// The shared-memory layout of a queue and of the run, as every process sees it.
//
// A queue is a ring of fixed-size slots. An item is one slot (trivially copyable items
// up to direct_item_max_bytes, copied directly) or a run of chunks (encoded items, each
// chunk one slot with a chunk_header). Items longer than the ring stream through it.
// Single-producer/single-consumer rings synchronise on the head and tail indices;
// multi-producer/multi-consumer rings put a turn counter in front of every slot.
#include "mpl/futex.hpp"
#include "mpl/robust_mutex.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <cstddef>
#include <cstdint>

namespace mpl {

enum class ring_kind : std::uint32_t { spsc, mpmc };

// Bytes of one slot in an encoded (chunked) queue, header included.
inline constexpr std::size_t chunk_slot_bytes = 1024;

struct chunk_header {
  std::uint32_t item_chunks;  // first chunk of an item: how many chunks it has; else 0
  std::uint32_t bytes;        // payload bytes used in this chunk
};
inline constexpr std::size_t chunk_payload_bytes = chunk_slot_bytes - sizeof(chunk_header);

// MPMC slot prefix. turn == ticket: free for the producer holding `ticket`;
// turn == ticket + 1: holds that producer's chunk; the consumer frees it with
// turn = ticket + slot_count, ready for the next lap.
struct mpmc_slot_header {
  std::atomic<std::uint64_t> turn;  // stored minus the slot's index: see mpmc_turn
};
inline constexpr std::size_t mpmc_slot_prefix = sizeof(mpmc_slot_header);
static_assert(mpmc_slot_prefix == 8, "an MPMC slot starts with exactly its turn counter");

// The turn of slot i is stored as turn - i, so that the zeroed memory of a fresh
// mapping already means "slot i is free for ticket i" (lap 0). Nothing is written at
// start-up: a ring of 2^30 slots used to have all of its 16 GiB touched by the
// supervisor before the first item (docs/reliability.md, "Hostile limits: runtime");
// now a page is touched when the ring first reaches it. Same operations as the atomic.
class mpmc_turn {
public:
  mpmc_turn(std::atomic<std::uint64_t>& word, std::uint64_t index) : word_(&word), index_(index) {}
  std::uint64_t load(std::memory_order order = std::memory_order_seq_cst) const {
    return word_->load(order) + index_;
  }
  void store(std::uint64_t turn, std::memory_order order = std::memory_order_seq_cst) {
    word_->store(turn - index_, order);
  }
  bool compare_exchange_strong(std::uint64_t& expected, std::uint64_t desired,
                               std::memory_order order = std::memory_order_seq_cst) {
    std::uint64_t stored = expected - index_;
    if (word_->compare_exchange_strong(stored, desired - index_, order)) return true;
    expected = stored + index_;
    return false;
  }

private:
  std::atomic<std::uint64_t>* word_;
  std::uint64_t index_;
};
struct mpmc_slot_turn {
  mpmc_turn turn;
};

// The indices and wait points of one queue. Producers write `tail`, consumers `head`:
// each on its own cache line, so a push does not invalidate the consumer's line.
struct queue_shared {
  alignas(64) std::atomic<std::uint64_t> tail{0};  // next ticket a producer takes
  alignas(64) std::atomic<std::uint64_t> head{0};  // next ticket a consumer takes
  // SPSC: the producer's tail after every push. `tail` is published in batches; a
  // consumer that found nothing at `tail` reads this line only when about to give up
  // spinning (and before sleeping), so a slow producer's item never waits for a batch
  // to fill, while a fast producer's stores here stay in its own cache. See runtime.md.
  alignas(64) std::atomic<std::uint64_t> tail_hint{0};
  wait_point not_empty;                             // consumers sleep here
  wait_point not_full;                              // producers sleep here
  alignas(64) std::atomic<std::uint64_t> high_water{0};  // most slots seen in use
  // Set when every consuming process has finished (docs/programs.md, "A consumer that
  // stops early"); read by producers on every push. Written once per consumer, on a line
  // of its own, so it stays in the producers' caches.
  alignas(64) std::atomic<std::uint32_t> broken{0};
  std::atomic<std::uint32_t> readers_left{0};  // consuming processes not finished yet
};
static_assert(offsetof(queue_shared, head) - offsetof(queue_shared, tail) >= 64,
              "producer and consumer indices must sit on separate cache lines");
static_assert(offsetof(queue_shared, not_empty) % 64 == 0 && offsetof(queue_shared, not_full) % 64 == 0,
              "each wait point owns its cache line");
static_assert(std::atomic<std::uint64_t>::is_always_lock_free,
              "ring indices are shared between processes and must be lock-free");

// Everything one process needs to reach a queue. Built by the supervisor before the
// fork (so its pointers into the shared mapping are valid in every child); the shared
// structures themselves hold no pointers.
struct queue_view {
  const char* name = "";
  queue_shared* shared = nullptr;
  std::byte* slots = nullptr;
  std::uint64_t slot_count = 0;  // a power of two
  std::uint32_t stride = 0;      // bytes per slot, prefix included
  ring_kind kind = ring_kind::spsc;
  bool direct = true;            // items are copied whole into one slot
  std::atomic<std::uint32_t>* closed = nullptr;  // one flag per producing process
  std::uint32_t producer_count = 0;
  // One flag per consuming process: set once it finished reading (readers_left counts
  // the flags still clear).
  std::atomic<std::uint32_t>* reader_done = nullptr;
  std::uint32_t reader_count = 0;
  // Consuming processes; 1 lets an MPMC consumer own the head (no CAS). 0: unknown.
  std::uint32_t consumer_count = 0;
  // SPSC with several producing processes that take turns (the workers of an ordered
  // pool, serialised by its commit turn): each writer re-reads the shared tail when its
  // turn starts and publishes every push.
  bool serialized_producers = false;

  bool all_producers_closed() const {
    for (std::uint32_t p = 0; p < producer_count; ++p)
      if (closed[p].load(std::memory_order_acquire) == 0) return false;
    return true;
  }
  // Every consuming process finished: nothing pushed now can ever be read.
  bool broken() const { return shared->broken.load(std::memory_order_relaxed) != 0; }
  // The consuming process in `reader_slot` will read no more (idempotent); wakes the
  // producers when it was the last.
  void reader_finished(std::uint32_t reader_slot) const {
    if (reader_slot >= reader_count || reader_done[reader_slot].exchange(1) != 0) return;
    if (shared->readers_left.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      shared->broken.store(1, std::memory_order_release);
      shared->not_full.wake_all();
    }
  }
  std::byte* slot(std::uint64_t ticket) const {
    return slots + (ticket & (slot_count - 1)) * stride;
  }
  // SPSC direct (slots back to back): `count` items of `size` bytes from `ticket` on,
  // copied out of the ring into `out`, or into it from `in` — two pieces where it wraps.
  void copy_run_out(std::uint64_t ticket, std::byte* out, std::size_t size,
                    std::size_t count) const {
    std::size_t first = wrap_split(ticket, count);
    std::memcpy(out, slot(ticket), first * size);
    if (count > first) std::memcpy(out + first * size, slots, (count - first) * size);
  }
  void copy_run_in(std::uint64_t ticket, const std::byte* in, std::size_t size,
                   std::size_t count) const {
    std::size_t first = wrap_split(ticket, count);
    std::memcpy(slot(ticket), in, first * size);
    if (count > first) std::memcpy(slots, in + first * size, (count - first) * size);
  }
  mpmc_slot_turn turn_of(std::uint64_t ticket) const {
    return {mpmc_turn(reinterpret_cast<mpmc_slot_header*>(slot(ticket))->turn, ticket & (slot_count - 1))};
  }
  // Where the item bytes (or chunk header) start inside a slot.
  std::byte* payload(std::uint64_t ticket) const {
    return slot(ticket) + (kind == ring_kind::mpmc ? mpmc_slot_prefix : 0);
  }
  // Slots taken by the item whose first chunk is at `ticket` (written already).
  std::uint64_t item_chunks_at(std::uint64_t ticket) const {
    if (direct) return 1;
    chunk_header header;
    std::memcpy(&header, payload(ticket), sizeof header);
    return header.item_chunks;
  }

private:
  // How many of `count` slots from `ticket` on come before the end of the ring.
  std::size_t wrap_split(std::uint64_t ticket, std::size_t count) const {
    std::uint64_t before_end = slot_count - (ticket & (slot_count - 1));
    return static_cast<std::size_t>(std::min<std::uint64_t>(count, before_end));
  }
};

// Per-process counters, written only by that process: plain increments, no shared
// atomic per item. The supervisor reads them after the process exited (--stats), and
// while it runs for the live view (approximate there: a counter may lag by the items
// the process has not stored yet). waiting_since/wait_kind are written on the wait
// slow path only (blocking.hpp), never per item.
struct alignas(64) process_stats {
  std::uint64_t items_in = 0;
  std::uint64_t items_out = 0;
  std::uint64_t blocked_in_ns = 0;
  std::uint64_t blocked_out_ns = 0;
  std::atomic<std::uint64_t> waiting_since{0};  // monotonic ns; 0: not waiting
  std::atomic<std::uint32_t> wait_kind{0};      // detail::wait_kind of the current wait
};

// Run-wide state in shared memory.
struct run_control {
  std::atomic<std::uint32_t> abort{0};  // set by the supervisor when the run stops
  robust_mutex stdout_lock;             // one process writes its lines at a time
};

// Thrown inside a child when a queue operation finds the run aborted; the child exits
// quietly (the supervisor already reported the cause). Not a std::exception, so a body's
// catch (const std::exception&) does not swallow it.
struct run_aborted {};

// Thrown by a push (or a pool's commit) into a queue whose consumers have all finished,
// as SIGPIPE/EPIPE ends a Unix writer: the stage ends quietly and counts as successful
// (docs/programs.md). Not a std::exception, so `catch (const std::exception&)` in a body
// does not swallow it; a body that must clean up can use RAII or test has_readers().
struct broken_queue {
  const char* queue;
};

namespace detail {
[[noreturn]] void throw_broken_queue(const char* queue);
// Set in each child: ends it quietly, as a stage stopped early (supervisor.cpp).
extern void (*after_repeated_broken_push)();
extern run_control* control;  // set before any fork
inline bool run_is_aborted() {
  return control && control->abort.load(std::memory_order_relaxed) != 0;
}
[[noreturn]] void throw_run_aborted();
}  // namespace detail

}  // namespace mpl
