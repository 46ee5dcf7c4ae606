// oneTBB parallel_pipeline baselines on 2 threads:
//   tbb_pipeline stage N        2-stage: serial_in_order source -> serial_in_order sum
//   tbb_pipeline pool N WORK    source -> parallel square filter -> serial_in_order check
// Tokens: 4 per thread, as in TBB's own examples. Prints the sum (of squares).
#include "work.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

constexpr int threads = 2;
constexpr std::size_t tokens = 4 * threads;

// The numbers 0 .. items-1; `next` is the counter (filter bodies are const).
auto source(long items, long& next) {
  return tbb::make_filter<void, long>(tbb::filter_mode::serial_in_order, [items, &next](tbb::flow_control& control) {
    if (next == items) control.stop();
    return next++;
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: tbb_pipeline stage|pool ITEMS [WORK]\n");
    return 2;
  }
  const bool pool = std::strcmp(argv[1], "pool") == 0;
  const long items = std::atol(argv[2]);
  const long work = argc > 3 ? std::atol(argv[3]) : 0;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  unsigned long sum = 0;
  long produced = 0;
  if (!pool) {
    tbb::parallel_pipeline(tokens, source(items, produced) & tbb::make_filter<long, void>(tbb::filter_mode::serial_in_order,
                                                                               [&](long x) { sum += x; }));
  } else {
    long next = 0;
    tbb::parallel_pipeline(
        tokens, source(items, produced) &
                    tbb::make_filter<long, long>(tbb::filter_mode::parallel,
                                                 [work](long x) { return mpl_bench::square(x, work); }) &
                    tbb::make_filter<long, void>(tbb::filter_mode::serial_in_order, [&](long s) {
                      if (s != next * next) {
                        std::fprintf(stderr, "item %ld out of order\n", next);
                        std::exit(1);
                      }
                      ++next;
                      sum += static_cast<unsigned long>(s);
                    }));
  }
  std::printf("%lu\n", sum);
}
