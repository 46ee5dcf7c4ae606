// An ordered pool of 2 workers squaring longs (producer → pool[2] ordered → checker: 4
// processes), against baselines measured in the same run: a sequential loop doing the
// same work per item in one process, the same pool with 1 worker, and (unless
// --no-python) Python's multiprocessing.Pool(2).map with its default chunksize.
//
//   mpl-bench-pool [items] [--work STEPS] [--runs N] [--no-python] [--stats]
//
// STEPS is the spin work per item (bench/workloads/work.hpp, about 1 ns a step). Each
// variant runs N times interleaved (A B A B …); medians are printed.
#include "../workloads/work.hpp"

#include <mpl/mpl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {
long item_count = 10'000'000;
long work = 0;
mpl::shared<long> total{0};
mpl::shared<long> out_of_order{0};

struct produce : mpl::stage_body {
  mpl::output<long>& numbers;
  explicit produce(mpl::context& ctx) : mpl::stage_body(ctx), numbers(ctx.output<long>(0)) {}
  void run() {
    for (long i = 0; i < item_count; ++i) numbers.push(i);
  }
};
struct square : mpl::stage_body {
  mpl::output<long>& squares;
  explicit square(mpl::context& ctx) : mpl::stage_body(ctx), squares(ctx.output<long>(0)) {}
  void operator()(const long& x) { squares.push(mpl_bench::square(x, work)); }
};
struct report : mpl::stage_body {
  mpl::input<long>& squares;
  explicit report(mpl::context& ctx) : mpl::stage_body(ctx), squares(ctx.input<long>(0)) {}
  void run() {
    long sum = 0, next = 0, wrong = 0;
    for (long s : squares) {
      wrong += s != next * next;
      ++next;
      sum += s;
    }
    total.store(sum);
    out_of_order.store(wrong + (next != item_count));
  }
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double mpl_pool(int workers, bool stats) {
  auto start = std::chrono::steady_clock::now();
  mpl::program program("pool_bench");
  auto numbers = program.queue<long>("numbers", 1024);
  auto squares = program.queue<long>("squares", 1024);
  program.stage<produce>("produce", 1, {}, {numbers});
  program.pool<square>("square", workers, numbers, {squares}, mpl::order::ordered, 0);
  program.stage<report>("report", 1, {squares}, {});
  char name[] = "pool_bench", stats_flag[] = "--stats";
  char* args[] = {name, stats_flag, nullptr};
  if (program.run(stats ? 2 : 1, args) != 0 || out_of_order.load() != 0) {
    fmt::print(stderr, "pool run failed or out of order\n");
    std::exit(1);
  }
  return seconds_since(start);
}

double sequential() {
  auto start = std::chrono::steady_clock::now();
  long sum = 0;
  for (long i = 0; i < item_count; ++i) {
    long x = i;
    asm volatile("" : "+r"(x));  // one item at a time, as the pool gets them
    sum += mpl_bench::square(x, work);
  }
  total.store(sum);
  return seconds_since(start);
}

double python_pool() {
  std::string python = fmt::format(
      "python3 -c 'import multiprocessing as mp\n"
      "def square(x): return x * x\n"
      "if __name__ == \"__main__\":\n"
      "    with mp.Pool(2) as pool: sum(pool.map(square, range({})))'",
      item_count);
  std::fflush(nullptr);
  auto start = std::chrono::steady_clock::now();
  if (std::system(python.c_str()) != 0) return 0;
  return seconds_since(start);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  bool python = true, stats = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--work") && i + 1 < argc) work = std::atol(argv[++i]);
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--no-python")) python = false;
    else if (!std::strcmp(argv[i], "--stats")) stats = true;
    else item_count = std::atol(argv[i]);
  }
  std::vector<double> pool2, pool1, seq, py;
  for (int r = 0; r < runs; ++r) {
    pool2.push_back(mpl_pool(2, stats && r == 0));
    seq.push_back(sequential());
    pool1.push_back(mpl_pool(1, false));
    if (python && work == 0) py.push_back(python_pool());
  }
  double p2 = median(pool2), p1 = median(pool1), s = median(seq);
  fmt::print("ordered pool, {} longs squared, {} spin steps per item, median of {} runs\n",
             item_count, work, runs);
  fmt::print("  mpl pool[2] ordered     {:8.3f} s  {:7.1f} M items/s\n", p2, item_count / p2 / 1e6);
  fmt::print("  mpl pool[1] ordered     {:8.3f} s  -> pool[2] is {:.2f}x\n", p1, p1 / p2);
  fmt::print("  sequential loop         {:8.3f} s  -> pool[2] is {:.2f}x\n", s, s / p2);
  if (!py.empty() && median(py) > 0)
    fmt::print("  python Pool(2).map      {:8.3f} s  -> pool[2] is {:.1f}x\n", median(py), median(py) / p2);
}
