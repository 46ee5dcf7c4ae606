// Two-process helpers for the hand-written C++ baselines: the straightforward
// fork-a-producer, consume-in-the-parent shape a user of raw POSIX would write.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mpl_bench {

// Anonymous shared memory, created before fork so both processes see it.
inline void* map_shared(std::size_t bytes) {
  void* memory = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    std::perror("mmap");
    std::exit(1);
  }
  return memory;
}

// Runs produce() in a forked child and returns consume()'s result from the parent
// after the child exited successfully.
template <class Produce, class Consume> auto run_pair(Produce produce, Consume consume) {
  std::fflush(nullptr);
  pid_t child = fork();
  if (child < 0) {
    std::perror("fork");
    std::exit(1);
  }
  if (child == 0) {
    produce();
    std::fflush(nullptr);
    _exit(0);
  }
  auto result = consume();
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "producer failed\n");
    std::exit(1);
  }
  return result;
}

// The item count from argv[1], or `fallback`.
inline long item_count(int argc, char** argv, long fallback) { return argc > 1 ? std::atol(argv[1]) : fallback; }

}  // namespace mpl_bench
