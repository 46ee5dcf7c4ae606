#include "mpl/futex.hpp"

#include <cerrno>
#include <climits>
#include <ctime>
#include <linux/futex.h>
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace mpl::detail {

bool heavy_barrier_available = false;
int spin_rounds = 256;
long sleep_timeout_ns = 100'000'000;

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, long timeout_ns) {
  timespec timeout{timeout_ns / 1'000'000'000L, timeout_ns % 1'000'000'000L};
  // Shared futex (no FUTEX_PRIVATE_FLAG): the word lives in MAP_SHARED memory and the
  // waker is another process. EAGAIN (value changed), EINTR and ETIMEDOUT all mean
  // "recheck", which every caller does.
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT, expected,
          timeout_ns > 0 ? &timeout : nullptr, nullptr, 0);
}

void futex_wake(std::atomic<std::uint32_t>& word, int count) {
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE, count, nullptr,
          nullptr, 0);
}

void heavy_barrier() {
  if (heavy_barrier_available) syscall(SYS_membarrier, MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0, 0);
  else std::atomic_thread_fence(std::memory_order_seq_cst);
}

void enable_heavy_barrier() {
  long supported = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
  heavy_barrier_available =
      supported > 0 && (supported & MEMBARRIER_CMD_GLOBAL_EXPEDITED) &&
      (supported & MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED) &&
      syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, 0, 0) == 0;
}

void register_heavy_barrier() {
  // Registration belongs to the address space, which fork does not carry over. If it
  // fails here (it did not in the parent), fall back to fences in this process — but a
  // waiter elsewhere would still trust the barrier, so treat failure as fatal.
  if (heavy_barrier_available &&
      syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, 0, 0) != 0)
    _exit(125);
}

}  // namespace mpl::detail

namespace mpl {

void wait_point::hand_over(std::uint64_t waiting) {
  if (waiting >> 32) return wake(INT_MAX);  // a picky sleeper: everyone rechecks
  // The exchange is also the full barrier that orders this notifier's publication
  // before its read of the baton (a taker after it sees the publication).
  if (baton.exchange(1, std::memory_order_seq_cst) == 0) wake(1);
}

}  // namespace mpl
