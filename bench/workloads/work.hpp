// The per-item work of the comparison workloads (docs/performance.md, "Comparisons"),
// shared by the MPL programs in bench/mpl/ and the C++ baselines in bench/baselines/ so
// that both sides do exactly the same thing.
#pragma once

#include <cstddef>
#include <string>

namespace mpl_bench {

// Burns CPU for `iterations` steps of a dependent multiply-add chain: the compiler can
// neither remove nor vectorise it, so its cost per step is fixed (about 1 ns here;
// `sequential --calibrate` measures it, and bench/run converts ns of work to steps).
inline unsigned long spin(long iterations, unsigned long x) {
  for (long i = 0; i < iterations; ++i) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    asm volatile("" : "+r"(x));
  }
  return x;
}

// The ordered-pool item: x squared after `work` steps of spin.
inline long square(long x, long work) {
  if (work > 0) spin(work, static_cast<unsigned long>(x));
  return x * x;
}

// The strings workload's item i: 10 to 200 bytes of one letter, never a newline.
inline std::size_t string_length(long i) { return 10 + static_cast<std::size_t>(i * 7919 % 191); }
inline void make_string(long i, std::string& s) { s.assign(string_length(i), static_cast<char>('a' + i % 26)); }

}  // namespace mpl_bench

namespace mpl_bench {

// The big-items workload: blocks of 1 MiB of doubles, each stamped with its number at
// both ends (the consumer sums the stamps, so every block must arrive whole).
inline constexpr std::size_t block_doubles = (1u << 20) / sizeof(double);
inline void stamp_block(long i, double* block) {
  block[0] = static_cast<double>(i);
  block[block_doubles - 1] = static_cast<double>(i);
}
inline long block_stamps(const double* block) {
  return static_cast<long>(block[0]) + static_cast<long>(block[block_doubles - 1]);
}

}  // namespace mpl_bench
