// Big-items baseline, the speed of light between two processes: each 1 MiB block is
// copied by the producer into a hand-written shared-memory byte ring of 1 MiB (the bytes
// of MPL's default queue of 1,024 slots of 1 KiB) as room frees, and by the consumer out
// of it into its own buffer as bytes arrive, then its stamps are summed — the two copies
// any pair of processes with private buffers must make. Both sides spin (no sleeping),
// indices on separate cache lines, each published once per contiguous piece.
// Prints the block count and the sum, as bench/mpl/vectors.mpl does.
#include "fork_pair.hpp"
#include "work.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <new>
#include <vector>

namespace {

struct byte_ring {
  static constexpr std::size_t capacity = 1u << 20;
  alignas(64) std::atomic<std::size_t> tail{0};  // bytes written, by the producer
  alignas(64) std::atomic<std::size_t> head{0};  // bytes read, by the consumer
  alignas(64) unsigned char bytes[capacity];
};

void send(byte_ring& ring, const unsigned char* data, std::size_t size, std::size_t& tail) {
  std::size_t head = ring.head.load(std::memory_order_acquire);
  while (size > 0) {
    while (tail - head == byte_ring::capacity) head = ring.head.load(std::memory_order_acquire);
    std::size_t at = tail % byte_ring::capacity;
    std::size_t piece = std::min({size, byte_ring::capacity - (tail - head), byte_ring::capacity - at});
    std::memcpy(ring.bytes + at, data, piece);
    data += piece;
    size -= piece;
    tail += piece;
    ring.tail.store(tail, std::memory_order_release);
  }
}

void receive(byte_ring& ring, unsigned char* data, std::size_t size, std::size_t& head) {
  std::size_t tail = ring.tail.load(std::memory_order_acquire);
  while (size > 0) {
    while (tail == head) tail = ring.tail.load(std::memory_order_acquire);
    std::size_t at = head % byte_ring::capacity;
    std::size_t piece = std::min({size, tail - head, byte_ring::capacity - at});
    std::memcpy(data, ring.bytes + at, piece);
    data += piece;
    size -= piece;
    head += piece;
    ring.head.store(head, std::memory_order_release);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const long items = mpl_bench::item_count(argc, argv, 2000);
  constexpr std::size_t block_bytes = mpl_bench::block_doubles * sizeof(double);
  auto* ring = new (mpl_bench::map_shared(sizeof(byte_ring))) byte_ring;
  long stamps = mpl_bench::run_pair(
      [&] {
        std::vector<double> block(mpl_bench::block_doubles, 1.0);
        std::size_t tail = 0;
        for (long i = 0; i < items; ++i) {
          mpl_bench::stamp_block(i, block.data());
          send(*ring, reinterpret_cast<const unsigned char*>(block.data()), block_bytes, tail);
        }
      },
      [&] {
        std::vector<double> block(mpl_bench::block_doubles);
        std::size_t head = 0;
        long sum = 0;
        for (long i = 0; i < items; ++i) {
          receive(*ring, reinterpret_cast<unsigned char*>(block.data()), block_bytes, head);
          sum += mpl_bench::block_stamps(block.data());
        }
        return sum;
      });
  std::printf("%ld %ld\n", items, stamps);
}
