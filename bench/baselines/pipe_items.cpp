// 2-stage baseline: one write() per long on a Unix pipe (bench/workloads/item_pipe.hpp),
// producer forked, consumer in the parent. Prints the sum.
#include "fork_pair.hpp"
#include "item_pipe.hpp"

#include <cstdio>

int main(int argc, char** argv) {
  const long items = mpl_bench::item_count(argc, argv, 100'000'000);
  int fds[2];
  if (pipe(fds) != 0) return 1;
  long sum = mpl_bench::run_pair(
      [&] {
        close(fds[0]);
        if (!mpl_bench::write_items(fds[1], items)) _exit(1);
        close(fds[1]);
      },
      [&] {
        close(fds[1]);
        return mpl_bench::sum_items(fds[0]);
      });
  std::printf("%ld\n", sum);
}
