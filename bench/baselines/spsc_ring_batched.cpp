// 2-stage baseline, the speed of light: the hand-written shared-memory ring of
// bench/workloads/spsc_ring.hpp with batched publications (tail every 64 items, head
// once per drained run), producer forked, consumer in the parent. Prints the sum.
#include "fork_pair.hpp"
#include "spsc_ring.hpp"

#include <cstdio>
#include <new>

int main(int argc, char** argv) {
  const long items = mpl_bench::item_count(argc, argv, 100'000'000);
  auto* ring = new (mpl_bench::map_shared(sizeof(mpl_bench::spsc_ring))) mpl_bench::spsc_ring;
  long sum = mpl_bench::run_pair([&] { mpl_bench::produce_batched(*ring, items); },
                                 [&] { return mpl_bench::consume_batched(*ring, items); });
  std::printf("%ld\n", sum);
}
