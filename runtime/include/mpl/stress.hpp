// MPL_STRESS_POINT(): marks the places where the queues read or write shared indices and
// turns. Empty (no cost) unless the runtime is built with -DMPL_STRESS=ON, for tests
// only; then, in a process whose environment has MPL_STRESS=1, each point yields the
// CPU or sleeps a few microseconds at random, so that orderings the normal timing never
// produces (a producer preempted between its claim and its write …) happen often.
#pragma once

#if defined(MPL_STRESS) && MPL_STRESS
namespace mpl::detail {
void stress_point() noexcept;
}  // namespace mpl::detail
#define MPL_STRESS_POINT() ::mpl::detail::stress_point()
#else
#define MPL_STRESS_POINT() ((void)0)
#endif
