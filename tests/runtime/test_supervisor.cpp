// Failure handling: a killed child, an exception, a non-zero exit, SIGINT/SIGTERM to
// the program, the supervisor itself SIGKILLed; stdout line buffering; before/after.
#include "run_in_child.hpp"

#include <mpl/mpl.hpp>

#include <doctest/doctest.h>

#include <csignal>
#include <thread>

namespace {

mpl::shared_array<int, 8> victim_pid;  // [replica] pid of the stage to kill
mpl::shared<int> started{0};
std::string failure_kind;

struct endless_producer : mpl::stage_body {
  mpl::output<long>& out;
  explicit endless_producer(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<long>(0)) {}
  void run() {
    for (long i = 0;; ++i) out.push(i);  // blocks on a full queue once the consumer stops
  }
};

struct square_stage : mpl::stage_body {
  mpl::input<long>& in;
  mpl::output<long>& out;
  explicit square_stage(mpl::context& ctx)
      : mpl::stage_body(ctx), in(ctx.input<long>(0)), out(ctx.output<long>(0)) {}
  void run() {
    victim_pid[index].store(getpid());
    ++started;
    for (long x : in) {
      if (x >= 1000 && index == 1) {  // replicas compete: not every x reaches replica 1
        if (failure_kind == "throw") throw std::runtime_error("bad input");
        if (failure_kind == "exit") std::exit(3);
        if (failure_kind == "segv") raise(SIGSEGV);
      }
      out.push(x * x);
    }
  }
};

struct slow_consumer : mpl::stage_body {
  mpl::input<long>& in;
  explicit slow_consumer(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<long>(0)) {}
  void run() {
    for (long x : in) {
      (void)x;
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  }
};

int endless_pipeline(int argc, char** argv) {
  mpl::program program("endless");
  auto numbers = program.queue<long>("numbers", 64);
  auto squares = program.queue<long>("squares", 64);
  program.stage<endless_producer>("produce", 1, {}, {numbers});
  program.stage<square_stage>("square", 2, {numbers}, {squares});
  program.stage<slow_consumer>("report", 1, {squares}, {});
  return program.run(argc, argv);
}

void wait_until_started(int processes) {
  for (int i = 0; i < 2000 && started.load() < processes; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // well into the run
}

void reset(std::string kind) {
  failure_kind = std::move(kind);
  started.store(0);
  for (std::size_t i = 0; i < victim_pid.size(); ++i) victim_pid[i].store(0);
}

}  // namespace

TEST_CASE("Supervisor.ChildKilled.ReportedAndStoppedQuickly" * doctest::timeout(20)) {
  reset("none");
  int killed = 0;
  auto killed_at = std::chrono::steady_clock::now();
  auto run = mpl_test::run_program(endless_pipeline, {}, 20, [&](int) {
    wait_until_started(2);
    killed = victim_pid[1].load();
    killed_at = std::chrono::steady_clock::now();
    kill(killed, SIGKILL);
  });
  double after_kill = std::chrono::duration<double>(std::chrono::steady_clock::now() - killed_at).count();
  CHECK(run.exit_code == 1);
  CHECK(after_kill < 2.0);
  CHECK_MESSAGE(run.err.find(fmt::format("stage 'square' replica 1 (pid {}) was killed by SIGKILL (Killed)", killed)) !=
                    std::string::npos,
                run.err);
}

TEST_CASE("Supervisor.BodyThrows.WhatReported" * doctest::timeout(20)) {
  reset("throw");
  auto run = mpl_test::run_program(endless_pipeline);
  CHECK(run.exit_code == 1);
  CHECK(run.seconds < 2.0);
  CHECK_MESSAGE(run.err.find(fmt::format("stage 'square' replica 1 (pid {}) failed: std::runtime_error: bad input\n",
                                         victim_pid[1].load())) != std::string::npos,
                run.err);
}

TEST_CASE("Supervisor.NonZeroExit.Reported" * doctest::timeout(20)) {
  reset("exit");
  auto run = mpl_test::run_program(endless_pipeline);
  CHECK(run.exit_code == 1);
  CHECK_MESSAGE(run.err.find("stage 'square' replica 1 (pid") != std::string::npos, run.err);
  CHECK(run.err.find("exited with status 3") != std::string::npos);
}

TEST_CASE("Supervisor.Segfault.SignalNamed" * doctest::timeout(20)) {
  reset("segv");
  auto run = mpl_test::run_program(endless_pipeline);
  CHECK(run.exit_code == 1);
  CHECK_MESSAGE(run.err.find("was killed by SIGSEGV (Segmentation fault)") != std::string::npos, run.err);
}

TEST_CASE("Supervisor.Signals.ExitStatus" * doctest::timeout(20)) {
  int signal = SIGINT, expected = 130;
  SUBCASE("SIGINT") {}
  SUBCASE("SIGTERM") { signal = SIGTERM, expected = 143; }
  reset("none");
  auto run = mpl_test::run_program(endless_pipeline, {}, 20, [&](int pid) {
    wait_until_started(2);
    kill(pid, signal);
  });
  CHECK(run.exit_code == expected);
  CHECK(run.seconds < 3.0);
}

TEST_CASE("Supervisor.SupervisorKilled.NoProcessOutlivesIt" * doctest::timeout(20)) {
  // run_program checks that no stage process is left once the supervisor is gone.
  reset("none");
  std::vector<int> stage_pids;
  auto run = mpl_test::run_program(endless_pipeline, {}, 20, [&](int pid) {
    wait_until_started(2);
    stage_pids = mpl_test::children_of(pid);
    kill(pid, SIGKILL);
  });
  CHECK(run.signal == SIGKILL);
  CHECK(stage_pids.size() == 4);
}

namespace {
mpl::shared<long> counter{0};
mpl::shared_array<long, 4> per_worker;
mpl::shared<double> total{0.0};
long increments = 100'000;

struct counting_worker : mpl::stage_body {
  explicit counting_worker(mpl::context& ctx) : mpl::stage_body(ctx) {}
  void run() {
    for (long i = 0; i < increments; ++i) {
      ++counter;
      per_worker[static_cast<std::size_t>(index)] += 1;
    }
    auto guard = total.lock();
    *guard += 0.5 * static_cast<double>(increments);
    // Lines from several processes never interleave mid-line.
    for (int line = 0; line < 200; ++line)
      fmt::print("worker {} line {} {}\n", index, line, std::string(100, static_cast<char>('a' + index)));
  }
};
}  // namespace

TEST_CASE("Supervisor.SharedValues.BeforeAndAfter" * doctest::timeout(20)) {
  counter.store(-1);
  auto run = mpl_test::run_program([](int argc, char** argv) {
    mpl::program program("shared_counter");
    program.stage<counting_worker>("worker", 4, {}, {});
    program.before([] {
      counter.store(0);
      fmt::print("before\n");  // buffered: must not be printed twice by the forks
    });
    program.after([] { fmt::print("counter = {}\ntotal = {}\n", counter.load(), *total.lock()); });
    return program.run(argc, argv);
  });
  CHECK_MESSAGE(run.exit_code == 0, run.err);
  CHECK(run.out.find("counter = 400000\ntotal = 200000\n") != std::string::npos);
  CHECK(run.out.find("before\n") == 0);
  CHECK(run.out.find("before\n", 1) == std::string::npos);
  std::size_t lines = 0, start = 0;
  for (std::size_t end; (end = run.out.find('\n', start)) != std::string::npos; start = end + 1) {
    std::string line = run.out.substr(start, end - start);
    if (line.rfind("worker ", 0) != 0) continue;
    ++lines;
    char letter = static_cast<char>('a' + (line[7] - '0'));
    CHECK(line.substr(line.size() - 100) == std::string(100, letter));
  }
  CHECK(lines == 800);
  for (std::size_t i = 0; i < 4; ++i) CHECK(per_worker[i].load() == increments);
}
