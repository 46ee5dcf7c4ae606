#pragma once
// Cross-process blocking: a futex "wait point" on a 32-bit word in shared memory.
//
// Protocol (no lost wakeups):
//   waiter:   sleepers += 1 (seq_cst); store_load_barrier(); e = event; recheck the
//             condition; if still false, futex_wait(event, e); sleepers -= 1.
//   notifier: publish the state change; store_load_barrier_cheap(); if sleepers != 0:
//             event += 1; futex_wake(event).
// The waiter's recheck and the notifier's sleepers read form a Dekker pair: at least
// one of them sees the other's store. The notifier runs on every push/pop, so its side
// must be cheap: when the kernel offers membarrier(GLOBAL_EXPEDITED) the waiter issues
// the heavy barrier (it forces a full fence on every CPU running one of our processes)
// and the notifier needs only a compiler barrier; otherwise the notifier pays a
// seq_cst fence. Futex operations are shared (no FUTEX_PRIVATE_FLAG) so they wake
// other processes; std::atomic::wait would not.
#include <atomic>
#include <cstdint>

namespace mpl {

static_assert(std::atomic<std::uint32_t>::is_always_lock_free, "futex words must be lock-free");
static_assert(sizeof(std::atomic<std::uint32_t>) == 4, "a futex word is exactly 32 bits");

namespace detail {
// Set once in the supervisor before any fork: true when membarrier(GLOBAL_EXPEDITED)
// works on this kernel, so notifiers can skip their fence.
extern bool heavy_barrier_available;

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, long timeout_ns);
void futex_wake_all(std::atomic<std::uint32_t>& word);
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
  std::atomic<std::uint32_t> event{0};     // bumped on every wake-up; the futex word
  std::atomic<std::uint32_t> sleepers{0};  // processes inside futex_wait (or about to be)

  // Call after publishing a change that may satisfy a sleeper's condition.
  void notify() {
    detail::notifier_barrier();
    if (sleepers.load(std::memory_order_relaxed) != 0) [[unlikely]] wake_all();
  }
  // Unconditional wake (used by the supervisor on abort, and by notify()).
  void wake_all() {
    event.fetch_add(1, std::memory_order_seq_cst);
    detail::futex_wake_all(event);
  }
};
static_assert(sizeof(wait_point) == 64, "a wait point owns exactly one cache line");

}  // namespace mpl
