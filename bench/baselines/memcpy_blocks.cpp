// Big-items baseline: memcpy of the same bytes in one process — each 1 MiB block is
// stamped, copied into a second buffer and its stamps summed from the copy, as the
// consumer of bench/mpl/vectors.mpl does. Prints the block count and the sum.
#include "fork_pair.hpp"
#include "work.hpp"

#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  const long items = mpl_bench::item_count(argc, argv, 2000);
  std::vector<double> source(mpl_bench::block_doubles, 1.0), copy(mpl_bench::block_doubles);
  long stamps = 0;
  for (long i = 0; i < items; ++i) {
    mpl_bench::stamp_block(i, source.data());
    std::memcpy(copy.data(), source.data(), mpl_bench::block_doubles * sizeof(double));
    asm volatile("" : : "r"(copy.data()) : "memory");  // the copy really happens
    stamps += mpl_bench::block_stamps(copy.data());
  }
  std::printf("%ld %ld\n", items, stamps);
}
