// 2-stage baseline: one write() per long on a Unix pipe. The reader takes whatever is
// there (up to 32 KiB per read()), which favours the pipe; the same baseline as
// bench/runtime's queue benchmark. Prints the sum.
#include "fork_pair.hpp"

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  const long items = mpl_bench::item_count(argc, argv, 100'000'000);
  int fds[2];
  if (pipe(fds) != 0) return 1;
  long sum = mpl_bench::run_pair(
      [&] {
        close(fds[0]);
        for (long i = 0; i < items; ++i)
          if (write(fds[1], &i, sizeof i) != sizeof i) _exit(1);
        close(fds[1]);
      },
      [&] {
        close(fds[1]);
        long total = 0, buffer[4096];
        std::size_t pending = 0;  // bytes of an item split between two reads
        ssize_t got;
        while ((got = read(fds[0], reinterpret_cast<char*>(buffer) + pending, sizeof buffer - pending)) > 0) {
          std::size_t bytes = pending + static_cast<std::size_t>(got), whole = bytes / sizeof(long);
          for (std::size_t i = 0; i < whole; ++i) total += buffer[i];
          pending = bytes % sizeof(long);
          std::memmove(buffer, buffer + whole, pending);
        }
        return total;
      });
  std::printf("%ld\n", sum);
}
