// An ordered pool of 2 workers squaring 10^7 longs, against Python's
// multiprocessing.Pool(2).map (default chunksize) over the same numbers, in this run.
#include <mpl/mpl.hpp>

#include <chrono>
#include <cstdlib>

namespace {
long item_count = 10'000'000;
mpl::shared<long> total{0};

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
  void operator()(const long& x) { squares.push(x * x); }
};
struct report : mpl::stage_body {
  mpl::input<long>& squares;
  explicit report(mpl::context& ctx) : mpl::stage_body(ctx), squares(ctx.input<long>(0)) {}
  void run() {
    long sum = 0;
    for (long s : squares) sum += s;
    total.store(sum);
  }
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) item_count = std::atol(argv[1]);
  auto start = std::chrono::steady_clock::now();
  mpl::program program("pool_bench");
  auto numbers = program.queue<long>("numbers", 1024);
  auto squares = program.queue<long>("squares", 1024);
  program.stage<produce>("produce", 1, {}, {numbers});
  program.pool<square>("square", 2, numbers, {squares}, mpl::order::ordered, 0);
  program.stage<report>("report", 1, {squares}, {});
  char name[] = "pool_bench";
  char* no_args[] = {name, nullptr};
  if (program.run(1, no_args) != 0) return 1;
  double mpl_seconds = seconds_since(start);

  start = std::chrono::steady_clock::now();
  std::string python = fmt::format(
      "python3 -c 'import multiprocessing as mp\n"
      "def square(x): return x * x\n"
      "if __name__ == \"__main__\":\n"
      "    with mp.Pool(2) as pool: print(sum(pool.map(square, range({}))))'",
      item_count);
  std::fflush(nullptr);
  int python_status = std::system(python.c_str());
  double python_seconds = seconds_since(start);
  fmt::print("ordered pool, 2 workers, {} longs squared (sum {})\n", item_count, total.load());
  fmt::print("  mpl pool                    {:7.3f} s  {:6.1f} M items/s\n", mpl_seconds, item_count / mpl_seconds / 1e6);
  if (python_status == 0)
    fmt::print("  python Pool(2).map          {:7.3f} s  -> mpl is {:.1f}x faster\n", python_seconds,
               python_seconds / mpl_seconds);
}
