// before{} and after{}: run in the supervisor, with --timeout and signals still obeyed.
#include "mpl/blocking.hpp"
#include "mpl/report.hpp"
#include "run_plan.hpp"

#include <csignal>
#include <sys/time.h>
#include <unistd.h>

namespace mpl::detail {

bool run_hook(void (*hook)(), const char* name, std::uint64_t deadline_ns, const std::string& where) {
  struct sigaction on_stop {}, old_int{}, old_term{}, old_alarm{};
  on_stop.sa_handler = [](int signal) {
    static constexpr char interrupted[] = "interrupted; stopping\n";
    static constexpr char timed_out[] = "error: timed out (--timeout) in 'before' or 'after'\n";
    const char* text = signal == SIGALRM ? timed_out : interrupted;
    std::size_t length = signal == SIGALRM ? sizeof timed_out - 1 : sizeof interrupted - 1;
    [[maybe_unused]] ssize_t ignored = write(STDERR_FILENO, text, length);
    kill_descendants_now();  // helpers the hook started
    _exit(signal == SIGINT ? 130 : signal == SIGTERM ? 143 : 124);
  };
  sigaction(SIGINT, &on_stop, &old_int);
  sigaction(SIGTERM, &on_stop, &old_term);
  sigaction(SIGALRM, &on_stop, &old_alarm);
  if (deadline_ns) {  // --timeout counts the hooks too
    std::uint64_t now = monotonic_ns();
    std::uint64_t left_us = deadline_ns > now ? (deadline_ns - now) / 1000 + 1 : 1;
    itimerval timer{{0, 0}, {static_cast<time_t>(left_us / 1'000'000), static_cast<suseconds_t>(left_us % 1'000'000)}};
    setitimer(ITIMER_REAL, &timer, nullptr);
  }
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  for (int signal : {SIGINT, SIGTERM, SIGALRM}) sigaddset(&stop_signals, signal);
  sigprocmask(SIG_UNBLOCK, &stop_signals, nullptr);
  bool succeeded = true;
  try {
    hook();
  } catch (...) {
    report("error: '{}' failed{}: {}\n", name, where, describe_current_exception());
    succeeded = false;
  }
  sigprocmask(SIG_BLOCK, &stop_signals, nullptr);
  itimerval off{};
  setitimer(ITIMER_REAL, &off, nullptr);
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  sigaction(SIGALRM, &old_alarm, nullptr);
  return succeeded;
}

}  // namespace mpl::detail
