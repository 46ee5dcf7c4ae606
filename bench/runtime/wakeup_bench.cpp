// Many processes sleeping on one queue (issue 11, item 2; docs/reliability.md, "Hostile
// limits: runtime"): N producers push through a tiny queue to one consumer, against the
// same items from 8 producers in the same run. The ratio is what the crowd costs: near
// 1 when a pop wakes one producer, large when it wakes all of them (a thundering herd).
//
//   mpl-bench-wakeup [--runs N] [--only 64|800|4096|consumers]
//
// Each case runs N times interleaved with its baseline; medians are printed.
#include <mpl/mpl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {
long items_each = 0;
mpl::shared<long> received{0};

struct produce : mpl::stage_body {
  mpl::output<long>& out;
  explicit produce(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<long>(0)) {}
  void run() {
    for (long i = 0; i < items_each; ++i) out.push(i);
  }
};
struct consume : mpl::stage_body {
  mpl::input<long>& in;
  explicit consume(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<long>(0)) {}
  void run() {
    long n = 0;
    for (long x : in) n += x >= 0;
    received += n;
  }
};

// Seconds for `producers` x `each` items through `capacity` slots to `consumers`.
double run_case(int producers, int consumers, long each, long capacity) {
  items_each = each;
  received.store(0);
  auto start = std::chrono::steady_clock::now();
  mpl::program program("wakeup_bench");
  auto items = program.queue<long>("items", capacity);
  program.stage<produce>("produce", producers, {}, {items});
  program.stage<consume>("consume", consumers, {items}, {});
  char name[] = "wakeup_bench";
  char* args[] = {name, nullptr};
  if (program.run(1, args) != 0 || received.load() != producers * each) {
    fmt::print(stderr, "run failed or items lost: {} of {}\n", received.load(), producers * each);
    std::exit(1);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct bench_case {
  std::string name, label;
  int producers, consumers;
  long total, capacity;
};
}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
  }
  std::vector<bench_case> cases = {
      {"64", "stage s[64] -> capacity 4, 128,000 items", 64, 1, 128'000, 4},
      {"800", "stage s[800] -> capacity 16, 8,000 items", 800, 1, 8'000, 16},
      {"4096", "stage s[4096] -> default capacity, 4,096 items", 4096, 1, 4'096, 1024},
      {"consumers", "stage c[100] <- capacity 4 <- 2 producers, 40,000 items", 2, 100, 40'000, 4},
  };
  fmt::print("crowd ÷ 8 processes on the same items (median of {} runs; 1 is ideal)\n", runs);
  for (const auto& c : cases) {
    if (!only.empty() && only != c.name) continue;
    bool crowd_of_consumers = c.consumers > 1;
    std::vector<double> crowd, few;
    for (int r = 0; r < runs; ++r) {
      crowd.push_back(run_case(c.producers, c.consumers, c.total / c.producers, c.capacity));
      if (crowd_of_consumers) few.push_back(run_case(c.producers, 8, c.total / c.producers, c.capacity));
      else few.push_back(run_case(8, 1, c.total / 8, c.capacity));
    }
    double t = median(crowd), base = median(few);
    fmt::print("  {:<55} {:7.3f} s  vs 8: {:7.3f} s  ratio {:6.1f}\n", c.label, t, base, t / base);
  }
}
