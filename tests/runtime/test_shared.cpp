// Shared values: atomics across processes, and a lock whose holder died.
#include <mpl/shared.hpp>

#include <doctest/doctest.h>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {
struct point {
  double x, y;
};
mpl::shared<point> position{point{1.0, 2.0}};
mpl::shared<long> hits{5};
mpl::shared_array<int, 8> histogram;
}  // namespace

TEST_CASE("Shared.RobustMutex.HolderDied" * doctest::timeout(10)) {
  pid_t pid = fork();
  if (pid == 0) {
    auto guard = position.lock();
    guard->x = 10.0;  // half an update …
    raise(SIGKILL);   // … and the holder dies with the lock held
  }
  int status;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  auto guard = position.lock();  // recovered, not a deadlock
  CHECK(guard.recovered_from_dead_owner());
  CHECK(guard->x == 10.0);
  CHECK(guard->y == 2.0);
}

namespace {
mpl::shared<long> guarded{0};
}  // namespace

TEST_CASE("Shared.RobustMutex.RecoveredForExactlyOneGuard" * doctest::timeout(10)) {
  pid_t pid = fork();
  if (pid == 0) {
    auto guard = guarded.lock();
    raise(SIGKILL);
  }
  int status;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  std::vector<bool> recovered;
  for (int i = 0; i < 6; ++i) recovered.push_back(guarded.lock().recovered_from_dead_owner());
  // Another process's guards after the recovery: none of them recovered anything.
  pid = fork();
  if (pid == 0) {
    int seen = 0;
    for (int i = 0; i < 6; ++i) seen += guarded.lock().recovered_from_dead_owner();
    _exit(seen);
  }
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(recovered == std::vector<bool>{true, false, false, false, false, false});
  auto moved = guarded.lock();
  auto taken = std::move(moved);  // a moved guard keeps what it recovered (nothing here)
  CHECK_FALSE(taken.recovered_from_dead_owner());
}

TEST_CASE("Shared.Atomics.AcrossProcesses" * doctest::timeout(10)) {
  CHECK(hits.load() == 5);
  hits.store(0);
  std::vector<pid_t> children;
  for (int c = 0; c < 3; ++c) {
    pid_t pid = fork();
    if (pid == 0) {
      for (int i = 0; i < 100000; ++i) {
        ++hits;
        histogram[static_cast<std::size_t>(c)] += 1;
      }
      hits.fetch_sub(1);
      _exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) waitpid(pid, nullptr, 0);
  CHECK(hits.load() == 300000 - 3);
  CHECK(histogram[0].load() == 100000);
  CHECK(histogram.load(2) == 100000);
  CHECK(histogram[7] == 0);
  CHECK(histogram.lock()[1] == 100000);
}
