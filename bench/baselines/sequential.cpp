// Ordered-pool baseline: the plain sequential loop (square each item after WORK spin
// steps, check, sum), one process, no queue. Prints the sum of squares.
//   sequential ITEMS [WORK]
//   sequential --calibrate      prints the cost of one spin step in nanoseconds
#include "work.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--calibrate") == 0) {
    constexpr long steps = 200'000'000;
    double best = 1e9;
    for (int round = 0; round < 5; ++round) {  // the least disturbed of 5
      auto start = std::chrono::steady_clock::now();
      mpl_bench::spin(steps, round);
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::printf("%.4f\n", best / steps * 1e9);
    return 0;
  }
  const long items = argc > 1 ? std::atol(argv[1]) : 10'000'000;
  const long work = argc > 2 ? std::atol(argv[2]) : 0;
  unsigned long sum = 0;
  for (long i = 0; i < items; ++i) {
    long s = mpl_bench::square(i, work);
    if (s != i * i) return 1;
    sum += static_cast<unsigned long>(s);
  }
  std::printf("%lu\n", sum);
}
