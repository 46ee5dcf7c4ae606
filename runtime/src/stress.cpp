// The MPL_STRESS_POINT() hook (mpl/stress.hpp); compiled to nothing in normal builds.
#include "mpl/stress.hpp"

#if defined(MPL_STRESS) && MPL_STRESS
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

namespace mpl::detail {

namespace {
thread_local bool seeded = false;
thread_local std::uint64_t state = 0;
}  // namespace

void stress_point() noexcept {
  static const bool enabled = [] {
    const char* value = std::getenv("MPL_STRESS");
    if (!value || std::strcmp(value, "0") == 0) return false;
    // Reseeded after a fork, so that sibling processes do not move in step.
    pthread_atfork(nullptr, nullptr, [] { seeded = false; });
    return true;
  }();
  if (!enabled) return;
  if (!seeded) {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    state = (static_cast<std::uint64_t>(getpid()) << 32) ^ static_cast<std::uint64_t>(now.tv_nsec) ^
            0x9e3779b97f4a7c15;
    seeded = true;
  }
  state ^= state << 13, state ^= state >> 7, state ^= state << 17;  // xorshift64
  unsigned roll = static_cast<unsigned>(state % 1024);
  if (roll < 16) {  // 1 in 64: let another process run here
    sched_yield();
  } else if (roll == 16) {  // 1 in 1024: be preempted for a while
    timespec pause{0, static_cast<long>(1'000 + (state >> 12) % 50'000)};  // 1–50 µs
    nanosleep(&pause, nullptr);
  }
}

}  // namespace mpl::detail
#endif
