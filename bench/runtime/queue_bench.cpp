// Two-process throughput of 10^8 longs: MPL's SPSC and MPMC rings against a
// hand-written shared-memory ring (the speed of light) and one write() per item on a
// Unix pipe, all measured in this run. Producer and consumer are pinned to CPUs 0 and 1.
// `--only spsc|mpmc [items]` runs one of MPL's rings and prints the consumer's sum (a
// program bench/run can time: no MPL program gets an MPMC ring with one producer and
// one consumer).
#include <mpl/endpoint.hpp>
#include <mpl/shared_memory.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <string_view>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);
}

long last_sum = 0;  // the consumer's sum of the last measure()

// Runs produce() in a child pinned to CPU 0 and consume() here on CPU 1; returns
// items per second and checks the consumer's sum.
template <class Produce, class Consume> double measure(long items, Produce produce, Consume consume) {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    pin(0);
    produce();
    _exit(0);
  }
  pin(1);
  long sum = consume();
  last_sum = sum;
  waitpid(pid, nullptr, 0);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (sum != items * (items - 1) / 2) {
    fmt::print(stderr, "wrong sum {}\n", sum);
    std::exit(1);
  }
  return items / seconds;
}

// The baseline: a minimal SPSC ring of longs with cached indices (rigtorp-style).
struct hand_ring {
  static constexpr long capacity = 1024;
  alignas(64) std::atomic<long> tail{0};
  alignas(64) std::atomic<long> head{0};
  alignas(64) long slots[capacity];
};

double hand_written_ring(long items) {
  auto* ring = new (mpl::map_shared(sizeof(hand_ring))) hand_ring;
  return measure(
      items,
      [&] {
        long cached_head = 0;
        for (long i = 0; i < items; ++i) {
          while (i - cached_head >= hand_ring::capacity) cached_head = ring->head.load(std::memory_order_acquire);
          ring->slots[i % hand_ring::capacity] = i;
          ring->tail.store(i + 1, std::memory_order_release);
        }
      },
      [&] {
        long sum = 0, cached_tail = 0;
        for (long i = 0; i < items; ++i) {
          while (i == cached_tail) cached_tail = ring->tail.load(std::memory_order_acquire);
          sum += ring->slots[i % hand_ring::capacity];
          ring->head.store(i + 1, std::memory_order_release);
        }
        return sum;
      });
}

double unix_pipe(long items) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(1);
  return measure(
      items,
      [&] {
        close(fds[0]);
        for (long i = 0; i < items; ++i)
          if (write(fds[1], &i, sizeof i) != sizeof i) _exit(1);
        close(fds[1]);
      },
      [&] {
        close(fds[1]);
        long sum = 0, buffer[4096];
        std::size_t pending = 0;  // bytes of a partly read item
        ssize_t got;
        while ((got = read(fds[0], reinterpret_cast<char*>(buffer) + pending, sizeof buffer - pending)) > 0) {
          std::size_t bytes = pending + static_cast<std::size_t>(got), whole = bytes / sizeof(long);
          for (std::size_t i = 0; i < whole; ++i) sum += buffer[i];
          pending = bytes % sizeof(long);
          std::memmove(buffer, buffer + whole, pending);
        }
        close(fds[0]);
        return sum;
      });
}

// MPL's queue endpoints on a ring laid out as the supervisor would.
double mpl_ring(long items, mpl::ring_kind kind) {
  mpl::queue_view view;
  view.name = "bench";
  view.kind = kind;
  view.slot_count = 1024;
  view.stride = kind == mpl::ring_kind::spsc ? sizeof(long) : mpl::mpmc_slot_prefix + sizeof(long);
  view.producer_count = 1;
  view.consumer_count = 1;  // as the supervisor declares it: the consumer owns the head
  mpl::shared_arena measure_arena;
  auto lay_out = [&](mpl::shared_arena& arena) {
    view.shared = arena.make<mpl::queue_shared>();
    view.slots = arena.take(view.slot_count * view.stride);
    view.closed = arena.make<std::atomic<std::uint32_t>>(1);
    return arena.used();
  };
  std::size_t bytes = lay_out(measure_arena);
  mpl::shared_arena arena(static_cast<std::byte*>(mpl::map_shared(bytes)));
  lay_out(arena);
  for (std::uint64_t i = 0; i < view.slot_count; ++i)
    if (kind == mpl::ring_kind::mpmc) view.turn_of(i).turn.store(i);
  mpl::detail::enable_heavy_barrier();
  return measure(
      items,
      [&] {
        mpl::detail::register_heavy_barrier();
        mpl::process_stats stats;
        mpl::output<long> out(view, 0, stats);
        for (long i = 0; i < items; ++i) out.push(i);
        out.close();  // ~output does not close (a failing body's stream must not look finished)
      },
      [&] {
        mpl::process_stats stats;
        mpl::input<long> in(view, stats);
        long sum = 0;
        for (long x : in) sum += x;
        return sum;
      });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2 && std::string_view(argv[1]) == "--only") {
    long items = argc > 3 ? std::atol(argv[3]) : 100'000'000;
    mpl_ring(items, std::string_view(argv[2]) == "mpmc" ? mpl::ring_kind::mpmc : mpl::ring_kind::spsc);
    fmt::print("{}\n", last_sum);
    return 0;
  }
  long items = argc > 1 ? std::atol(argv[1]) : 100'000'000;
  long pipe_items = items / 20;
  double ring = hand_written_ring(items);
  double spsc = mpl_ring(items, mpl::ring_kind::spsc);
  double mpmc = mpl_ring(items, mpl::ring_kind::mpmc);
  double pipe_rate = unix_pipe(pipe_items);
  fmt::print("two processes, {} longs, capacity 1024 (pipe: {} items)\n", items, pipe_items);
  fmt::print("  hand-written ring   {:8.1f} M items/s\n", ring / 1e6);
  fmt::print("  mpl spsc            {:8.1f} M items/s  {:5.2f}x ring  {:6.1f}x pipe\n", spsc / 1e6, spsc / ring, spsc / pipe_rate);
  fmt::print("  mpl mpmc (1P1C)     {:8.1f} M items/s  {:5.2f}x ring\n", mpmc / 1e6, mpmc / ring);
  fmt::print("  pipe, write()/item  {:8.1f} M items/s\n", pipe_rate / 1e6);
}
