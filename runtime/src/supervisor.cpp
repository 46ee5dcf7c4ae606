// The supervisor: forks one process per stage replica, waits for them, and on the first
// failure reports it, wakes every waiter, and stops the rest (SIGTERM, then SIGKILL).
#include "run_plan.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mpl::detail {
namespace {

constexpr int aborted_exit = 120;  // a child found the run aborted and left quietly
constexpr int orphan_exit = 121;   // the supervisor died before the child was set up
constexpr std::uint64_t grace_ns = 200'000'000;

struct child {
  int stage, replica;
  pid_t pid;
  bool running;
  std::uint64_t started_ns, ended_ns;
};

std::string describe_signal(int signal) {
  const char* abbreviation = sigabbrev_np(signal);
  return fmt::format("SIG{} ({})", abbreviation ? abbreviation : std::to_string(signal).c_str(),
                     strsignal(signal));
}

class supervisor {
public:
  supervisor(const program_decl& decl, run_plan& plan) : decl_(decl), plan_(plan) {}

  int run(bool with_stats) {
    sigset_t signals;
    sigemptyset(&signals);
    for (int signal : {SIGCHLD, SIGINT, SIGTERM}) sigaddset(&signals, signal);
    sigprocmask(SIG_BLOCK, &signals, &old_mask_);
    signal_fd_ = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
    std::uint64_t started = monotonic_ns();
    if (run_before()) {
      enable_heavy_barrier();
      std::fflush(nullptr);  // nothing buffered may be printed twice
      self_ = getpid();
      int processes = 0;
      for (const stage_plan& stage : plan_.stages) processes += stage.replicas;
      spin_rounds = processes > sysconf(_SC_NPROCESSORS_ONLN) ? 16 : 256;
      for (std::size_t s = 0; s < decl_.stages.size() && status_ == 0; ++s)
        for (int r = 0; r < plan_.stages[s].replicas; ++r) spawn(static_cast<int>(s), r);
      supervise();
    }
    if (status_ == 0 && decl_.after) run_hook(decl_.after, "after");
    if (with_stats) {
      std::vector<process_times> times;
      for (const child& c : children_) times.push_back({c.stage, c.started_ns, c.ended_ns});
      print_stats(decl_, plan_, times, monotonic_ns() - started);
    }
    std::fflush(nullptr);
    close(signal_fd_);
    sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
    return status_;
  }

private:
  bool run_before() {
    if (decl_.before) run_hook(decl_.before, "before");
    return status_ == 0;
  }
  void run_hook(void (*hook)(), const char* name) {
    try {
      hook();
    } catch (const std::exception& error) {
      fmt::print(stderr, "error: '{}' failed: {}\n", name, error.what());
      status_ = 1;
    }
  }

  void spawn(int stage, int replica) {
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0) {
      fmt::print(stderr, "error: cannot start stage '{}': {}\n", decl_.stages[stage].name, strerror(errno));
      stop(1);
      return;
    }
    if (pid == 0) child_main(stage, replica);
    children_.push_back({stage, replica, pid, true, monotonic_ns(), 0});
  }

  [[noreturn]] void child_main(int stage, int replica) {
    sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
    close(signal_fd_);
    // Die with the supervisor, even on SIGKILL; if it is already gone, the death signal
    // was missed (we are now someone else's child), so leave at once.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != self_) _exit(orphan_exit);
    std::setvbuf(stdout, nullptr, _IOLBF, BUFSIZ);  // whole lines from each process
    register_heavy_barrier();
    process_record& record = plan_.stages[stage].records[replica];
    int status = 0;
    try {
      context ctx;
      build_context(decl_, plan_, stage, replica, ctx);
      decl_.stages[stage].run(ctx);
      ctx.close_outputs();
      record.finished.store(1);
    } catch (const run_aborted&) {
      status = aborted_exit;
    } catch (const std::exception& error) {
      std::snprintf(record.failure, sizeof record.failure, "%s", error.what());
      status = 1;
    } catch (...) {
      std::snprintf(record.failure, sizeof record.failure, "unknown exception");
      status = 1;
    }
    std::fflush(nullptr);
    _exit(status);  // not exit(): the supervisor's atexit handlers are not ours to run
  }

  std::string describe(const child& c) const {
    const stage_decl& stage = decl_.stages[c.stage];
    if (stage.kind == stage_kind::pool)
      return fmt::format("pool '{}' worker {} (pid {})", stage.name, c.replica, c.pid);
    return fmt::format("stage '{}' replica {} (pid {})", stage.name, c.replica, c.pid);
  }

  void supervise() {
    while (!stopping_ && running() > 0) {
      pollfd ready{signal_fd_, POLLIN, 0};
      poll(&ready, 1, -1);
      int stop_status = drain_signals();
      if (stop_status) {
        fmt::print(stderr, "{}: interrupted; stopping every stage\n", decl_.name);
        stop(stop_status);
        return;
      }
      reap();
    }
  }

  // Reads pending signals; returns 130/143 for SIGINT/SIGTERM to the supervisor.
  int drain_signals() {
    int stop_status = 0;
    signalfd_siginfo info;
    while (read(signal_fd_, &info, sizeof info) == sizeof info) {
      if (info.ssi_signo == SIGINT && !stop_status) stop_status = 130;
      if (info.ssi_signo == SIGTERM && !stop_status) stop_status = 143;
    }
    return stop_status;
  }

  int running() const {
    int count = 0;
    for (const child& c : children_) count += c.running;
    return count;
  }

  void reap() {
    for (std::size_t i = 0; i < children_.size() && !stopping_; ++i) {
      int status;
      if (!children_[i].running || waitpid(children_[i].pid, &status, WNOHANG) <= 0) continue;
      children_[i].running = false;
      children_[i].ended_ns = monotonic_ns();
      handle_exit(children_[i], status);
    }
  }

  void handle_exit(const child& c, int status) {
    process_record& record = plan_.stages[c.stage].records[c.replica];
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return close_outputs_of(c);
    // `./prog | head -1`: the reader of a pipe went away. End the run quietly with the
    // status a shell gives a program killed by SIGPIPE (128 + 13), as other tools do.
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE) return stop(128 + SIGPIPE);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) {
      fmt::print(stderr, "{}: interrupted; stopping every stage\n", decl_.name);
      return stop(130);
    }
    if (WIFSIGNALED(status)) {
      switch (try_retry(c, WTERMSIG(status))) {
      case retry_outcome::retried: return;
      case retry_outcome::refused: return stop(1);  // try_retry said why
      case retry_outcome::not_a_retry_pool: break;
      }
    }
    if (record.failure[0])
      fmt::print(stderr, "error: {} failed: {}\n", describe(c), record.failure);
    else if (WIFEXITED(status))
      fmt::print(stderr, "error: {} exited with status {}\n", describe(c), WEXITSTATUS(status));
    else
      fmt::print(stderr, "error: {} was killed by {}\n", describe(c), describe_signal(WTERMSIG(status)));
    stop(1);
  }

  // A pool worker that died between queue operations is replaced; the replacement
  // finishes the batch recorded in its worker slot.
  enum class retry_outcome { retried, refused, not_a_retry_pool };
  retry_outcome try_retry(const child& c, int signal) {
    const stage_decl& stage = decl_.stages[c.stage];
    if (!stage.managed_pool() || stage.retry <= 0) return retry_outcome::not_a_retry_pool;
    stage_plan& shape = plan_.stages[c.stage];
    worker_record& record = shape.workers[c.replica];
    std::string why = fmt::format("{} was killed by {}", describe(c), describe_signal(signal));
    bool repaired = repair_after_worker_death(*shape.pool, shape.workers, static_cast<std::uint32_t>(c.replica),
                                              plan_.queues[stage.inputs.front()],
                                              stage.ordering == order::ordered);
    if (!repaired) {
      fmt::print(stderr, "error: {} in the middle of a queue operation; it cannot be retried\n", why);
      return retry_outcome::refused;
    }
    if (record.streaming.load()) {
      fmt::print(stderr, "error: {} holding an item longer than its input queue; it cannot be retried\n", why);
      return retry_outcome::refused;
    }
    std::uint32_t unfinished = record.items.load() - record.done.load();
    if (unfinished == 0) {
      fmt::print(stderr, "warning: {} between batches; starting a new worker\n", why);
      spawn(c.stage, c.replica);
      return retry_outcome::retried;
    }
    std::uint32_t attempt = record.attempts.load() + 1;
    if (attempt > static_cast<std::uint32_t>(stage.retry)) {
      fmt::print(stderr, "error: {}; its items were already retried {} times\n", why, stage.retry);
      return retry_outcome::refused;
    }
    record.attempts.store(attempt);
    fmt::print(stderr, "warning: {}; retrying its {} unfinished item(s) in a new worker (retry {} of {})\n",
               why, unfinished, attempt, stage.retry);
    spawn(c.stage, c.replica);
    return retry_outcome::retried;
  }

  // A process that exited 0 without closing its outputs (it called exit()) still ends
  // its part of every stream.
  void close_outputs_of(const child& c) {
    const stage_decl& stage = decl_.stages[c.stage];
    for (std::size_t o = 0; o < stage.outputs.size(); ++o) {
      const queue_view& queue = plan_.queues[stage.outputs[o]];
      queue.closed[plan_.stages[c.stage].first_producer_slot[o] + c.replica].store(1);
      queue.shared->not_empty.wake_all();
    }
  }

  void stop(int status) {
    if (stopping_) return;
    stopping_ = true;
    status_ = status;
    plan_.control->abort.store(1);
    for (const queue_view& queue : plan_.queues) {
      queue.shared->not_empty.wake_all();
      queue.shared->not_full.wake_all();
    }
    for (const stage_plan& stage : plan_.stages)
      if (stage.pool) stage.pool->turn_changed.wake_all();
    for (const child& c : children_)
      if (c.running) kill(c.pid, SIGTERM);
    std::uint64_t deadline = monotonic_ns() + grace_ns;
    while (running() > 0 && monotonic_ns() < deadline) {
      pollfd ready{signal_fd_, POLLIN, 0};
      poll(&ready, 1, static_cast<int>((deadline - monotonic_ns()) / 1'000'000 + 1));
      drain_signals();
      reap_quietly(WNOHANG);
    }
    for (const child& c : children_)
      if (c.running) kill(c.pid, SIGKILL);
    reap_quietly(0);
  }

  void reap_quietly(int flags) {
    for (child& c : children_) {
      int status;
      if (c.running && waitpid(c.pid, &status, flags) == c.pid) {
        c.running = false;
        c.ended_ns = monotonic_ns();
      }
    }
  }

  const program_decl& decl_;
  run_plan& plan_;
  std::vector<child> children_;
  sigset_t old_mask_;
  int signal_fd_ = -1;
  pid_t self_ = 0;
  int status_ = 0;
  bool stopping_ = false;
};

}  // namespace

int supervise(const program_decl& decl, run_plan& plan, bool print_stats) {
  return supervisor(decl, plan).run(print_stats);
}

}  // namespace mpl::detail
