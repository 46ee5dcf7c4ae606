// The supervisor: forks one process per stage replica, waits for them, and on the first
// failure reports it, wakes every waiter, and stops the rest (SIGTERM, then SIGKILL).
#include "mpl/report.hpp"
#include "run_plan.hpp"
#include "watch.hpp"

#include <cerrno>
#include <cstdlib>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/time.h>
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

  int run(const parsed_command_line& options) {
    sigset_t signals;
    sigemptyset(&signals);
    for (int signal : {SIGCHLD, SIGINT, SIGTERM}) sigaddset(&signals, signal);
    sigprocmask(SIG_BLOCK, &signals, &old_mask_);
    signal_fd_ = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
    become_subreaper();
    std::uint64_t started = monotonic_ns();
    timeout_ns_ = options.timeout_ns;
    watch_ = std::make_unique<run_watch>(decl_, plan_, options, started);
    if (auto error = watch_->open()) {
      report("error: {}\n", *error);
      status_ = 2;
    } else if (run_before(started)) {
      enable_heavy_barrier();
      std::fflush(nullptr);  // nothing buffered may be printed twice
      self_ = getpid();
      int processes = 0;
      for (const stage_plan& stage : plan_.stages) processes += stage.replicas;
      spin_rounds = processes > sysconf(_SC_NPROCESSORS_ONLN) ? 16 : 256;
      for (std::size_t s = 0; s < decl_.stages.size() && !stopping_; ++s)
        for (int r = 0; r < plan_.stages[s].replicas && !stopping_; ++r) spawn(static_cast<int>(s), r);
      if (cluster()) cluster()->start(decl_, plan_);
      supervise(started);
    } else if (cluster()) {  // the other ranks are waiting for this one
      cluster()->start(decl_, plan_);
      cluster()->local_stop(status_);
    }
    end_descendants(grace_ns);  // helpers the stages left behind
    watch_->close(monotonic_ns());  // before after(): its output must not meet the view
    if (cluster()) status_ = cluster()->finish(status_);
    if (status_ == 0 && decl_.after && on_first_rank() && !run_hook(decl_.after, "after", deadline(started), plan_.where))
      status_ = 1;
    end_descendants(grace_ns);
    std::vector<process_times> times;
    for (const child& c : children_) times.push_back({c.stage, c.started_ns, c.ended_ns});
    if (on_first_rank()) print_stats(decl_, plan_, options, times, monotonic_ns() - started, status_);
    if (cluster() && options.stats) {  // every rank takes part; rank 0 prints
      std::string ranks = cluster()->stats_text(static_cast<int>(children_.size()), local_items());
      if (on_first_rank()) report("{}", ranks);
    }
    std::fflush(nullptr);
    close(signal_fd_);
    sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
    return status_;
  }

private:
  // In a distributed run before{} runs on every rank — its stages are forked from the
  // supervisor it set up — and after{} once, on rank 0 (docs/distributed.md).
  bool run_before(std::uint64_t started) {
    if (decl_.before && !run_hook(decl_.before, "before", deadline(started), plan_.where)) status_ = 1;
    return status_ == 0;
  }
  distribution* cluster() const { return plan_.cluster; }
  bool on_first_rank() const { return !cluster() || cluster()->rank() == 0; }
  std::uint64_t deadline(std::uint64_t started) const { return timeout_ns_ ? started + timeout_ns_ : 0; }
  void spawn(int stage, int replica) {
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0) {
      report("error: cannot start {} '{}' (process {}): {}\n", kind_of(stage), decl_.stages[stage].name,
             replica, strerror(errno));
      stop(1);
      return;
    }
    if (pid == 0) child_main(stage, replica);
    children_.push_back({stage, replica, pid, true, monotonic_ns(), 0});
    watch_->process_started(stage, replica, pid, children_.back().started_ns);
  }
  const char* kind_of(int stage) const {
    return decl_.stages[stage].kind == stage_kind::pool ? "pool" : "stage";
  }

  [[noreturn]] void child_main(int stage, int replica) {
    sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
    // A crash is the supervisor's to report: not a handler the supervisor's libraries
    // installed (MPI's prints a backtrace from every crashing process).
    for (int crash : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(crash, SIG_DFL);
    close(signal_fd_);
    // Die with the supervisor, even on SIGKILL; if it is already gone, the death signal
    // was missed (we are now someone else's child), so leave at once.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != self_) _exit(orphan_exit);
    watch_->in_child(stage, replica);  // output through the view's relay, waits into the trace
    start_child_output();  // whole lines from each process
    // A body that calls exit() skips the endpoints' destructors: publish what they hold
    // (batched positions, and the item counts derived from them) on the way out.
    std::atexit([] { publish_all_pending(); });
    register_heavy_barrier();
    process_record& record = plan_.stages[stage].records[replica];
    int status = 0;
    std::optional<context> ctx_holder(std::in_place);
    context& ctx = *ctx_holder;
    stopping_child = {&ctx, &record};
    after_repeated_broken_push = [] {
      int quiet = stop_early(*stopping_child.ctx, *stopping_child.record);
      end_child_output();
      _exit(quiet);
    };
    try {
      build_context(decl_, plan_, stage, replica, ctx);
      decl_.stages[stage].run(ctx);
      finish(ctx, record);  // outputs are closed only here: a failure never looks finished
    } catch (const broken_queue&) {
      status = stop_early(ctx, record);
    } catch (const run_aborted&) {
      status = aborted_exit;
    } catch (const retries_exhausted& error) {
      std::snprintf(record.failure, sizeof record.failure, "%s", error.what());
      status = 1;
    } catch (...) {  // "std::runtime_error: what()", or the type of a non-std exception
      std::snprintf(record.failure, sizeof record.failure, "%s", describe_current_exception().c_str());
      status = 1;
    }
    ctx_holder.reset();  // the endpoints publish what they hold (consumed slots, high water)
    end_child_output();
    _exit(status);  // not exit(): the supervisor's atexit handlers are not ours to run
  }
  struct child_state {
    context* ctx;
    process_record* record;
  };
  static inline child_state stopping_child{};
  static void finish(context& ctx, process_record& record) {
    ctx.close_outputs();
    ctx.finish_reading();
    record.finished.store(1);
  }
  // Every reader of one of its outputs finished: end quietly, as `yes | head` does.
  // Closing the other outputs may itself meet a broken queue or the abort.
  static int stop_early(context& ctx, process_record& record) {
    record.stopped_early.store(1);
    try {
      finish(ctx, record);
      return 0;
    } catch (const run_aborted&) {
      return aborted_exit;
    } catch (...) {
      return 0;
    }
  }

  std::string describe(const child& c) const {
    const stage_decl& stage = decl_.stages[c.stage];
    int index = plan_.stages[c.stage].first_index + c.replica;
    if (stage.kind == stage_kind::pool)
      return fmt::format("pool '{}' worker {} (pid {}){}", stage.name, index, c.pid, plan_.where);
    return fmt::format("stage '{}' replica {} (pid {}){}", stage.name, index, c.pid, plan_.where);
  }

  void supervise(std::uint64_t started) {
    while (!stopping_ && (running() > 0 || (cluster() && cluster()->busy()))) {
      if (timeout_ns_ && monotonic_ns() >= started + timeout_ns_) {
        report("error: {}: timed out after {}; still running: {}\n", decl_.name, describe_duration(timeout_ns_),
               still_running());
        return stop(124);
      }
      bool signalled = wait_for_events(deadline(started));
      if (cluster())
        if (auto status = cluster()->remote_stop()) return stop(*status, false);  // that rank said why
      if (!signalled) continue;  // only the view, the trace or the bridge had work
      if (int stop_status = drain_signals()) return interrupted(stop_status);
      reap();
    }
  }
  // Sleeps until a signal (a child ended), output to relay, the view's or the trace's
  // next turn, or `until_ns` (0: no limit); then lets the view and the trace do what is
  // due. False when no signal can be pending, so a watched run's frequent wake-ups cost
  // no signalfd read and no waitpid.
  bool wait_for_events(std::uint64_t until_ns) {
    std::uint64_t now = monotonic_ns();
    int wait_ms = watch_->timeout_ms(now);
    if (until_ns) {
      int until_ms = until_ns > now ? static_cast<int>(std::min<std::uint64_t>((until_ns - now) / 1'000'000 + 1, 1'000'000)) : 0;
      wait_ms = wait_ms < 0 ? until_ms : std::min(wait_ms, until_ms);
    }
    std::vector<pollfd> fds{{signal_fd_, POLLIN, 0}};
    if (cluster()) fds.push_back({cluster()->wake_fd(), POLLIN, 0});
    watch_->add_poll_fds(fds);
    int ready = poll(fds.data(), fds.size(), wait_ms);
    bool output = false;
    for (std::size_t i = 1; i < fds.size(); ++i) output = output || fds[i].revents != 0;
    watch_->tick(monotonic_ns(), output);
    return ready < 0 || (fds[0].revents & POLLIN) != 0;
  }
  void interrupted(int stop_status) {
    report("{}: interrupted; stopping every stage (still running: {})\n", decl_.name, still_running());
    stop(stop_status);
  }
  std::string still_running() const {
    std::string names;
    for (const child& c : children_)
      if (c.running) names += (names.empty() ? "" : ", ") + describe(c);
    return names.empty() ? "nothing" : names;
  }
  static std::string describe_duration(std::uint64_t ns) {
    if (ns % 60'000'000'000 == 0) return fmt::format("{}m", ns / 60'000'000'000);
    return fmt::format("{:g}s", ns / 1e9);
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

  std::uint64_t local_items() const {
    std::uint64_t items = 0;
    for (const stage_plan& stage : plan_.stages)
      for (int r = 0; r < stage.replicas; ++r) items += stage.records[r].stats.items_in;
    return items;
  }

  int running() const {
    int count = 0;
    for (const child& c : children_) count += c.running;
    return count;
  }

  void reap() {
    int status;
    pid_t pid;
    while (!stopping_ && (pid = waitpid(-1, &status, WNOHANG)) > 0)
      if (child* c = mark_ended(pid)) handle_exit(*c, status);  // else a stage's helper (we are its subreaper)
  }
  // The running child `pid` has ended: recorded, and told to the view and the trace.
  child* mark_ended(pid_t pid) {
    for (child& c : children_)
      if (c.pid == pid && c.running) {
        c.running = false;
        c.ended_ns = monotonic_ns();
        watch_->process_ended(c.stage, c.replica, c.pid, c.ended_ns,
                              plan_.stages[c.stage].records[c.replica].stopped_early.load() != 0);
        return &c;
      }
    return nullptr;
  }

  void handle_exit(const child& c, int status) {
    process_record& record = plan_.stages[c.stage].records[c.replica];
    std::string how = WIFEXITED(status) ? fmt::format("exited with status {}", WEXITSTATUS(status))
                                        : fmt::format("was killed by {}", describe_signal(WTERMSIG(status)));
    bool clean_exit = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (clean_exit && (record.finished.load() || record.stopped_early.load())) return finished(c);
    // `./prog | head -1`: the reader of our stdout went away. End the run quietly with the
    // status a shell gives a program killed by SIGPIPE (128 + 13), as other tools do. A
    // stage's own pipe or socket breaking is an ordinary failure.
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE && stdout_reader_gone()) return stop(128 + SIGPIPE);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) return interrupted(130);
    const stage_decl& stage = decl_.stages[c.stage];
    if (stage.managed_pool() && !record.failure[0]) {
      worker_record& worker = plan_.stages[c.stage].workers[c.replica];
      std::uint32_t held = worker.items.load() - worker.done.load();
      if (clean_exit && held == 0) return finished(c);
      if (stage.retry > 0) {
        switch (try_retry(c, how)) {
        case retry_outcome::retried: return;
        case retry_outcome::refused: return stop(1);  // try_retry said why
        }
      }
      if (held) {
        std::uint64_t first = worker.first_seq.load();
        report("error: {} {}{} while holding {} item(s) (input positions {} to {}), which would be lost\n",
               describe(c), how, on_item(c), held, first, first + held - 1);
        return stop(1);
      }
    } else if (clean_exit) {
      if (!record.holding.load()) return finished(c);
      auto position = item_position(c);
      report("error: {} exited with status 0 in the middle of {}; the item would be lost\n", describe(c),
             position ? item_text(c.stage, *position) : std::string("an item"));
      return stop(1);
    }
    bool counted = stage.managed_pool() && stage.retry > 0;  // its message names the item
    if (record.failure[0])
      report("error: {} failed{}: {}\n", describe(c), counted ? "" : on_item(c), record.failure);
    else
      report("error: {} {}{}\n", describe(c), how, counted ? "" : on_item(c));
    stop(1);
  }

  // The input position of the item whose per-item body the process was running, if known.
  std::optional<std::uint64_t> item_position(const child& c) const {
    if (decl_.stages[c.stage].managed_pool()) {
      std::uint64_t seq = plan_.stages[c.stage].workers[c.replica].current_seq.load();
      return seq == no_item ? std::nullopt : std::optional(seq);
    }
    std::uint64_t holding = plan_.stages[c.stage].records[c.replica].holding.load();
    return holding >= 2 ? std::optional(holding - 2) : std::nullopt;
  }
  std::string on_item(const child& c) const {
    auto position = item_position(c);
    return position ? " on " + item_text(c.stage, *position) : std::string();
  }
  // Input positions count the items of the stage's ring; on a rank whose ring the bridge
  // fills, that is this rank's share of the queue, not the queue's order.
  std::string item_text(int stage, std::uint64_t position) const {
    int ring = plan_.read_ring[decl_.stages[stage].inputs.front()];
    for (const bridge_link& link : plan_.links)
      if (!link.sends && link.ring == ring) return fmt::format("item {} of those this rank received", position);
    return fmt::format("item {}", position);
  }

  // True when standard output is a pipe or socket whose reader has gone.
  static bool stdout_reader_gone() {
    struct stat info;
    if (fstat(STDOUT_FILENO, &info) != 0) return true;  // closed: nothing could be printed
    if (!S_ISFIFO(info.st_mode) && !S_ISSOCK(info.st_mode)) return false;
    pollfd out{STDOUT_FILENO, POLLOUT, 0};
    return poll(&out, 1, 0) == 1 && (out.revents & (POLLERR | POLLHUP));
  }

  // A pool worker that died or exited while holding items is replaced; the replacement
  // redoes the batch recorded in its worker slot. Failures count per item.
  enum class retry_outcome { retried, refused };
  retry_outcome try_retry(const child& c, const std::string& how) {
    const stage_decl& stage = decl_.stages[c.stage];
    stage_plan& shape = plan_.stages[c.stage];
    worker_record& record = shape.workers[c.replica];
    std::string why = fmt::format("{} {}", describe(c), how);
    bool repaired = repair_after_worker_death(*shape.pool, shape.workers, static_cast<std::uint32_t>(c.replica),
                                              plan_.queues[plan_.read_ring[stage.inputs.front()]],
                                              stage.ordering == order::ordered);
    // It may have died holding a wait point's baton (a wake meant to be passed on,
    // futex.hpp): every sleeper of its queues rechecks.
    for (const auto* queues : {&stage.inputs, &stage.outputs})
      for (auto q : *queues) {
        plan_.queues[q].shared->not_empty.wake_all();
        plan_.queues[q].shared->not_full.wake_all();
      }
    if (!repaired) {
      report("error: {} in the middle of a queue operation; it cannot be retried\n", why);
      return retry_outcome::refused;
    }
    if (record.streaming.load()) {
      report("error: {} holding an item longer than its input queue; it cannot be retried\n", why);
      return retry_outcome::refused;
    }
    std::uint32_t unfinished = record.items.load() - record.done.load();
    if (unfinished == 0) {
      report("warning: {} between items; starting a new worker\n", why);
      spawn(c.stage, c.replica);
      return retry_outcome::retried;
    }
    std::uint64_t seq = record.current_seq.load();
    if (seq == no_item) seq = record.first_seq.load();  // died outside a body: blame the batch's first
    std::uint32_t failures = count_item_failure(record, seq);
    if (failures > static_cast<std::uint32_t>(stage.retry)) {
      report("error: pool '{}' {} failed {} times (retry {}); last attempt: {}\n", stage.name, item_text(c.stage, seq),
             failures, stage.retry, why);
      return retry_outcome::refused;
    }
    report("warning: {} on {}; retrying it in a new worker (retry {} of {})\n", why, item_text(c.stage, seq), failures,
           stage.retry);
    spawn(c.stage, c.replica);
    return retry_outcome::retried;
  }

  // A process that ended well: its outputs end (it may have called exit(), which skips
  // closing them) and it reads no more (its producers may now find their queue broken).
  void finished(const child& c) {
    const stage_decl& stage = decl_.stages[c.stage];
    const stage_plan& shape = plan_.stages[c.stage];
    for (std::size_t o = 0; o < stage.outputs.size(); ++o) {
      const queue_view& queue = plan_.queues[stage.outputs[o]];
      queue.closed[shape.first_producer_slot[o] + c.replica].store(1);
      queue.shared->not_empty.wake_all();
    }
    for (std::size_t i = 0; i < stage.inputs.size(); ++i)
      plan_.queues[plan_.read_ring[stage.inputs[i]]].reader_finished(shape.first_consumer_slot[i] + c.replica);
  }

  // `tell_others`: false when another rank stopped the run (it told every rank).
  void stop(int status, bool tell_others = true) {
    if (stopping_) return;
    stopping_ = true;
    status_ = status;
    if (cluster() && tell_others) cluster()->local_stop(status);
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
      wait_for_events(deadline);
      drain_signals();
      reap_quietly(WNOHANG);
    }
    for (const child& c : children_)
      if (c.running) kill(c.pid, SIGKILL);
    while (running() > 0) reap_quietly(0);
    end_descendants(grace_ns);
  }

  void reap_quietly(int flags) {
    pid_t pid;
    while ((pid = waitpid(-1, nullptr, flags)) > 0) {
      mark_ended(pid);
      if (flags == 0) return;
    }
    if (pid < 0 && errno == ECHILD)  // nothing left to wait for
      for (child& c : children_) c.running = false;
  }

  const program_decl& decl_;
  run_plan& plan_;
  std::vector<child> children_;
  std::unique_ptr<run_watch> watch_;  // progress view and trace, when asked for
  sigset_t old_mask_;
  int signal_fd_ = -1;
  pid_t self_ = 0;
  int status_ = 0;
  bool stopping_ = false;
  std::uint64_t timeout_ns_ = 0;
};

}  // namespace

int supervise(const program_decl& decl, run_plan& plan, const parsed_command_line& options) {
  return supervisor(decl, plan).run(options);
}

}  // namespace mpl::detail
