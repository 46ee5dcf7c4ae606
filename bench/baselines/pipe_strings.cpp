// Strings baseline: a Unix pipe with newline framing through stdio, as a shell-minded
// C++ user would write it (one fwrite of the line with its newline in the producer,
// getline in the consumer).
// Prints the item count and the total bytes.
#include "fork_pair.hpp"
#include "work.hpp"

#include <cstdio>
#include <cstdlib>
#include <utility>

int main(int argc, char** argv) {
  const long items = mpl_bench::item_count(argc, argv, 10'000'000);
  int fds[2];
  if (pipe(fds) != 0) return 1;
  auto [count, bytes] = mpl_bench::run_pair(
      [&] {
        close(fds[0]);
        FILE* out = fdopen(fds[1], "w");
        std::string s;
        for (long i = 0; i < items; ++i) {
          mpl_bench::make_string(i, s);
          s += '\n';
          std::fwrite(s.data(), 1, s.size(), out);
        }
        std::fclose(out);
      },
      [&] {
        close(fds[1]);
        FILE* in = fdopen(fds[0], "r");
        char* line = nullptr;
        std::size_t capacity = 0;
        ssize_t length;
        long lines = 0, total = 0;
        while ((length = getline(&line, &capacity, in)) > 0) {
          ++lines;
          total += length - 1;
        }
        std::free(line);
        std::fclose(in);
        return std::pair{lines, total};
      });
  std::printf("%ld %ld\n", count, bytes);
}
