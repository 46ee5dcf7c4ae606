// 2-stage baseline, rigtorp-style: the hand-written shared-memory ring of
// bench/workloads/spsc_ring.hpp, producer forked, consumer in the parent. Prints the sum.
#include "fork_pair.hpp"
#include "spsc_ring.hpp"

#include <cstdio>
#include <new>

int main(int argc, char** argv) {
  const long items = mpl_bench::item_count(argc, argv, 100'000'000);
  auto* ring = new (mpl_bench::map_shared(sizeof(mpl_bench::spsc_ring))) mpl_bench::spsc_ring;
  long sum = mpl_bench::run_pair([&] { mpl_bench::produce(*ring, items); },
                                 [&] { return mpl_bench::consume(*ring, items); });
  std::printf("%ld\n", sum);
}
