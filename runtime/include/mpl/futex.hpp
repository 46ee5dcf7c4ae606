#pragma once
// Cross-process blocking: a futex "wait point" on a 32-bit word in shared memory.
//
// Protocol (no lost wakeups):
//   waiter:   sleepers += 1 (seq_cst); heavy_barrier(); then until the condition
//             holds: e = event; recheck the condition; if still false,
//             futex_wait(event, e). Finally sleepers -= 1.
//             One barrier covers the whole wait: a notifier whose sleepers load comes
//             after the registration is visible sees it and bumps the event; one whose
//             load came earlier had its publication drained by the barrier.
//             No barrier at all when another sleeper is still registered whose own
//             registration is covered (`covered` != 0, read after registering): a
//             notifier whose load missed this registration either saw that sleeper's
//             (and wakes), or came before it, and then — by induction — a barrier
//             drained the publication before that sleeper raised `covered`. (A sleeper
//             lowers `covered` before `sleepers`, so the load cannot fall between the
//             two registrations with the count at 0.) Only a sleeper that finds no
//             covered one pays the barrier: with many sleepers, barriers become rare
//             instead of one per sleep. Without membarrier both sides fence, always.
//   notifier: publish the state change; notifier_barrier(); if sleepers != 0:
//             event += 1; futex_wake(event).
// The waiter's recheck and the notifier's sleepers read form a Dekker pair: at least
// one of them sees the other's store. The notifier runs on every push/pop, so its side
// must be cheap: when the kernel offers membarrier(GLOBAL_EXPEDITED) the waiter issues
// the heavy barrier (it forces a full fence on every CPU running one of our processes)
// and the notifier needs only a compiler barrier; otherwise the notifier pays a
// seq_cst fence. Futex operations are shared (no FUTEX_PRIVATE_FLAG) so they wake
// other processes; std::atomic::wait would not.
//
// How many to wake: one at a time. Waking every sleeper was a thundering herd (64
// producers on a full queue: every pop woke 63 that found it full again), and waking one
// per unit made available still cost a sleep and a wake (two context switches) per item
// through a tiny queue (docs/reliability.md, "Hostile limits: runtime"). Instead a
// notifier that finds sleepers hands over a *baton*: if none is out (baton 0 -> 1), it
// wakes one sleeper; if one is out, it wakes nobody, since the baton's taker is bound to
// look at the queue after this notifier published. Takers: every sleeper for any unit
// (`wait_for::any_unit`: the slot at the shared tail, the item at the head) takes the
// baton at the top of each round of its wait loop, after reading the event and before
// its recheck; a new sleeper takes a baton left out by one that had already gone. A
// taker that finds a unit claims it, and every claimer that sees another unit ready at
// the shared tail or head while others sleep notifies again (ring_reader.cpp,
// ring_writer.cpp, pool.cpp): with the baton back, that wakes the next sleeper. So the
// woken producer of a full ring keeps pushing while there is room, and the next one is
// on its way meanwhile: one wake per arrival, not per item.
// Why nothing is lost (all baton operations are seq_cst read-modify-writes, full
// barriers): a notifier whose exchange read 1 is followed, in the baton's order, by a
// take; the taker's recheck comes after that take, so it sees the notifier's unit (or
// finds it claimed by someone who then checks again, at the fresh tail or head). A
// baton is taken only by a sleeper that rechecks after it: the notifier hands it before
// it bumps the event, so a sleeper that read the old event gets EAGAIN or the wake and
// goes round again, and one that read the new event sees the baton. A sleeper whose
// condition is its own (a given ticket, its commit turn, several slots at once) registers
// as `picky` and while one sleeps every notify wakes everyone; a picky sleeper that
// takes a baton it cannot use wakes everyone too. State changes that concern every
// sleeper (a producer closing, an abort, a pool worker replaced after it died — it may
// have died holding the baton) wake all.
#include <atomic>
#include <climits>
#include <cstdint>

namespace mpl {

static_assert(std::atomic<std::uint32_t>::is_always_lock_free, "futex words must be lock-free");
static_assert(sizeof(std::atomic<std::uint32_t>) == 4, "a futex word is exactly 32 bits");

namespace detail {
// Set once in the supervisor before any fork: true when membarrier(GLOBAL_EXPEDITED)
// works on this kernel, so notifiers can skip their fence.
extern bool heavy_barrier_available;

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, long timeout_ns);
void futex_wake(std::atomic<std::uint32_t>& word, int count);
void heavy_barrier();            // waiter side of the Dekker pair
void enable_heavy_barrier();     // probe + register this process; call in each process
void register_heavy_barrier();   // register a freshly forked process

inline void cpu_relax() { __builtin_ia32_pause(); }

// Notifier side of the Dekker pair.
inline void notifier_barrier() {
  if (heavy_barrier_available) std::atomic_signal_fence(std::memory_order_seq_cst);
  else std::atomic_thread_fence(std::memory_order_seq_cst);
}
}  // namespace detail

// One condition that processes can sleep on. Lives in shared memory.
struct alignas(64) wait_point {
  std::atomic<std::uint32_t> event{0};  // bumped on every wake-up; the futex word
  // Low half: processes inside futex_wait (or about to be). High half: how many of them
  // are picky. One word, so a notifier reads both with the one load of the Dekker pair.
  std::atomic<std::uint64_t> sleepers{0};
  // Sleepers still registered whose registration is covered (see the protocol above).
  std::atomic<std::uint32_t> covered{0};
  // 1 while a woken sleeper is on its way to recheck ("How many to wake" above).
  std::atomic<std::uint32_t> baton{0};
  static constexpr std::uint64_t one_sleeper = 1;
  static constexpr std::uint64_t one_picky_sleeper = (std::uint64_t{1} << 32) | 1;

  // Call after publishing slots or items that sleepers can take (however many: the
  // sleeper woken passes the wake on while it finds more).
  void notify() {
    detail::notifier_barrier();
    std::uint64_t waiting = sleepers.load(std::memory_order_relaxed);
    if (waiting != 0) [[unlikely]] hand_over(waiting);
  }
  // Call after a change every sleeper must see (a producer closed its end).
  void notify_all() {
    detail::notifier_barrier();
    if (sleepers.load(std::memory_order_relaxed) != 0) [[unlikely]] wake_all();
  }
  // Unconditional (the supervisor on abort: every sleeper must see it).
  void wake_all() { wake(INT_MAX); }

  // A sleeper, each round: after reading the event, before its recheck. True when it
  // took the baton.
  bool take_baton() {
    return baton.load(std::memory_order_relaxed) != 0 &&
           baton.exchange(0, std::memory_order_seq_cst) != 0;
  }

private:
  // Out of line: notify() sits on every push and pop, this only runs with sleepers.
  [[gnu::noinline]] void hand_over(std::uint64_t waiting);
  void wake(int count) {
    event.fetch_add(1, std::memory_order_seq_cst);
    detail::futex_wake(event, count);
  }
};
static_assert(sizeof(wait_point) == 64, "a wait point owns exactly one cache line");

}  // namespace mpl
