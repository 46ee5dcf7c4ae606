// The speed of light for two processes: a minimal hand-written single-producer/
// single-consumer ring of longs (rigtorp-style: indices on separate cache lines, each
// side caches the other's index). No blocking, no end-of-stream protocol: the consumer
// knows the count. Place it in shared memory created before fork.
#pragma once

#include <atomic>

namespace mpl_bench {

struct spsc_ring {
  static constexpr long capacity = 1024;  // MPL's default queue capacity
  alignas(64) std::atomic<long> tail{0};  // written by the producer
  alignas(64) std::atomic<long> head{0};  // written by the consumer
  alignas(64) long slots[capacity];
};
static_assert(std::atomic<long>::is_always_lock_free, "ring indices are shared between processes");

// Pushes 0 .. items-1.
inline void produce(spsc_ring& ring, long items) {
  long cached_head = 0;
  for (long i = 0; i < items; ++i) {
    while (i - cached_head >= spsc_ring::capacity) cached_head = ring.head.load(std::memory_order_acquire);
    ring.slots[i % spsc_ring::capacity] = i;
    ring.tail.store(i + 1, std::memory_order_release);
  }
}

// Pops `items` longs; returns their sum.
inline long consume(spsc_ring& ring, long items) {
  long sum = 0, cached_tail = 0;
  for (long i = 0; i < items; ++i) {
    while (i == cached_tail) cached_tail = ring.tail.load(std::memory_order_acquire);
    sum += ring.slots[i % spsc_ring::capacity];
    ring.head.store(i + 1, std::memory_order_release);
  }
  return sum;
}

}  // namespace mpl_bench

namespace mpl_bench {

// The true speed of light: the same ring, with the publications batched. The producer
// publishes its tail every `publish_every` items (and at the end), the consumer drains
// every published run and publishes its head once per run.
inline constexpr long publish_every = 64;

inline void produce_batched(spsc_ring& ring, long items) {
  long cached_head = 0;
  for (long i = 0; i < items; ++i) {
    while (i - cached_head >= spsc_ring::capacity) {
      ring.tail.store(i, std::memory_order_release);  // the consumer may be waiting for these
      cached_head = ring.head.load(std::memory_order_acquire);
    }
    ring.slots[i % spsc_ring::capacity] = i;
    if ((i + 1) % publish_every == 0) ring.tail.store(i + 1, std::memory_order_release);
  }
  ring.tail.store(items, std::memory_order_release);
}

inline long consume_batched(spsc_ring& ring, long items) {
  long sum = 0;
  for (long head = 0; head < items;) {
    long tail;
    while ((tail = ring.tail.load(std::memory_order_acquire)) == head) {
    }
    for (; head < tail; ++head) sum += ring.slots[head % spsc_ring::capacity];
    ring.head.store(head, std::memory_order_release);
  }
  return sum;
}

}  // namespace mpl_bench
