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
// 100 ms; 0 sleeps without a timeout (the wake-up tests: a lost wake-up then hangs
// instead of costing 100 ms).
extern long sleep_timeout_ns;

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

// What a sleeper waits for (see futex.hpp, "How many to wake"): any_unit — the next
// slot or item at the shared tail or head, which any sleeper of its kind can take;
// own_condition — something only it can use (a given ticket, its commit turn, several
// slots at once), so that every notify must wake it.
enum class wait_for { any_unit, own_condition };

// Returns once ready() is true; adds the time spent past the spin to the stats'
// blocked_in_ns or blocked_out_ns (by `kind`). Throws run_aborted when the supervisor
// stops the run. Only this slow path records waits: while a process waits, its stats say
// since when and for what (the supervisor's live view reads them), and a traced run
// gets a begin and an end event. A wait that ends within the spin is not recorded.
template <class Ready>
void block_until(wait_point& point, Ready&& ready, process_stats& stats, wait_kind kind,
                 wait_for what = wait_for::any_unit) {
  const std::uint64_t registration =
      what == wait_for::any_unit ? wait_point::one_sleeper : wait_point::one_picky_sleeper;
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
  // Others already asleep here: this wait is at least as long as theirs (wakes go to
  // sleepers in turn), and yielding would only take CPU from the processes that free
  // the units (100 consumers yielding on an empty queue starved its 2 producers).
  int yields = point.sleepers.load(std::memory_order_relaxed) == 0 ? yield_rounds : 0;
  for (int i = 0; i < yields; ++i) {
    if (ready()) return;
    sched_yield();
  }
  // Registered once, with at most one heavy barrier, for the whole wait: while this
  // process counts in `sleepers`, every notifier that publishes later sees it and bumps
  // the event, so going back to sleep after a wake that found nothing needs no barrier;
  // and none is needed when another registered sleeper's barrier covers this one
  // (futex.hpp). A membarrier per sleep was most of the cost of a crowded queue.
  struct registration_guard {
    wait_point& point;
    std::uint64_t as;
    ~registration_guard() {
      point.covered.fetch_sub(1, std::memory_order_seq_cst);  // before sleepers
      point.sleepers.fetch_sub(as, std::memory_order_seq_cst);
    }
  };
  if (run_is_aborted()) throw_run_aborted();
  MPL_STRESS_POINT();
  point.sleepers.fetch_add(registration, std::memory_order_seq_cst);
  if (!heavy_barrier_available || point.covered.load(std::memory_order_seq_cst) == 0) heavy_barrier();
  point.covered.fetch_add(1, std::memory_order_seq_cst);
  registration_guard registered{point, registration};
  for (;;) {
    std::uint32_t seen = point.event.load(std::memory_order_seq_cst);
    // A picky sleeper cannot use a baton (it does not wait for the next unit): it passes
    // it to everyone rather than let a unit sit beside sleepers nobody wakes.
    if (point.take_baton() && what == wait_for::own_condition) point.wake_all();
    if (ready()) return;
    futex_wait(point.event, seen, sleep_timeout_ns);
    if (run_is_aborted()) throw_run_aborted();
    MPL_STRESS_POINT();
  }
}

inline void raise_high_water(std::atomic<std::uint64_t>& high_water, std::uint64_t seen) {
  std::uint64_t current = high_water.load(std::memory_order_relaxed);
  while (seen > current &&
         !high_water.compare_exchange_weak(current, seen, std::memory_order_relaxed)) {
  }
}

}  // namespace mpl::detail
