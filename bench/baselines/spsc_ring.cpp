// 2-stage baseline, the speed of light: a hand-written single-producer/single-consumer
// ring of longs in anonymous shared memory (rigtorp-style: indices on separate cache
// lines, each side caches the other's index), producer forked, consumer in the parent.
// No blocking, no end-of-stream protocol: the consumer knows the count. Prints the sum.
#include "fork_pair.hpp"

#include <atomic>
#include <cstdio>
#include <new>

namespace {

struct ring {
  static constexpr long capacity = 1024;  // MPL's default queue capacity
  alignas(64) std::atomic<long> tail{0};  // written by the producer
  alignas(64) std::atomic<long> head{0};  // written by the consumer
  alignas(64) long slots[capacity];
};
static_assert(std::atomic<long>::is_always_lock_free, "ring indices are shared between processes");

}  // namespace

int main(int argc, char** argv) {
  const long items = mpl_bench::item_count(argc, argv, 100'000'000);
  auto* shared = new (mpl_bench::map_shared(sizeof(ring))) ring;
  long sum = mpl_bench::run_pair(
      [&] {
        long cached_head = 0;
        for (long i = 0; i < items; ++i) {
          while (i - cached_head >= ring::capacity) cached_head = shared->head.load(std::memory_order_acquire);
          shared->slots[i % ring::capacity] = i;
          shared->tail.store(i + 1, std::memory_order_release);
        }
      },
      [&] {
        long total = 0, cached_tail = 0;
        for (long i = 0; i < items; ++i) {
          while (i == cached_tail) cached_tail = shared->tail.load(std::memory_order_acquire);
          total += shared->slots[i % ring::capacity];
          shared->head.store(i + 1, std::memory_order_release);
        }
        return total;
      });
  std::printf("%ld\n", sum);
}
