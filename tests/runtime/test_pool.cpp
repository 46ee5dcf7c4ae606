// Pools: ordered output under random delays, unordered completeness, retry after a
// worker is killed (every item's output exactly once and in order), retry exhausted.
#include "run_in_child.hpp"

#include <mpl/mpl.hpp>

#include <doctest/doctest.h>

#include <csignal>
#include <random>
#include <thread>

namespace {

long item_count = 0;
long max_delay_us = 0;
long kill_at_item = -1;   // the worker handling this item kills itself …
int kills_wanted = 0;     // … this many times
mpl::shared<int> kills_done{0};
mpl::shared_array<long, 4> result;  // [0] outputs checked, [1] 1 when everything was in order
bool slow_start = false;            // the ordered checker starts late: the output ring fills

struct numbers_producer : mpl::stage_body {
  mpl::output<long>& numbers;
  explicit numbers_producer(mpl::context& ctx) : mpl::stage_body(ctx), numbers(ctx.output<long>(0)) {}
  void run() {
    for (long i = 0; i < item_count; ++i) numbers.push(i);
  }
};

// Emits two outputs per item: x*x then -x, so "all outputs of item k before item k+1"
// is visible downstream.
struct square_pool : mpl::stage_body {
  mpl::output<long>& squares;
  std::minstd_rand random;
  explicit square_pool(mpl::context& ctx)
      : mpl::stage_body(ctx), squares(ctx.output<long>(0)), random(static_cast<unsigned>(getpid())) {}
  void operator()(const long& x) {
    if (max_delay_us) std::this_thread::sleep_for(std::chrono::microseconds(random() % max_delay_us));
    if (x == kill_at_item && kills_done.load() < kills_wanted) {
      ++kills_done;
      squares.push(x * x);  // half of this item's output, then death
      raise(SIGKILL);
    }
    squares.push(x * x);
    squares.push(-x);
  }
};

struct ordered_checker : mpl::stage_body {
  mpl::input<long>& squares;
  explicit ordered_checker(mpl::context& ctx) : mpl::stage_body(ctx), squares(ctx.input<long>(0)) {}
  void run() {
    long expected = 0, outputs = 0;
    bool in_order = true;
    if (slow_start) std::this_thread::sleep_for(std::chrono::milliseconds(300));
    while (auto square = squares.pop()) {
      auto negated = squares.pop();
      if (!negated || *square != expected * expected || *negated != -expected) in_order = false;
      ++expected;
      outputs += 2;
    }
    result[0].store(outputs);
    result[1].store(in_order && expected == item_count);
  }
};

struct unordered_checker : mpl::stage_body {
  mpl::input<long>& squares;
  explicit unordered_checker(mpl::context& ctx) : mpl::stage_body(ctx), squares(ctx.input<long>(0)) {}
  void run() {
    std::vector<int> seen(static_cast<std::size_t>(item_count));
    long outputs = 0;
    for (long value : squares) {
      ++outputs;
      if (value < 0) ++seen[static_cast<std::size_t>(-value)];
    }
    bool each_once = true;
    for (long i = 1; i < item_count; ++i) each_once = each_once && seen[static_cast<std::size_t>(i)] == 1;
    result[0].store(outputs);
    result[1].store(each_once);
  }
};

mpl::order ordering = mpl::order::ordered;
int retries = 0;

long output_capacity = 64;

template <class Checker> int pool_pipeline(int argc, char** argv) {
  mpl::program program("pool");
  auto numbers = program.queue<long>("numbers", 64);
  auto squares = program.queue<long>("squares", output_capacity);
  program.stage<numbers_producer>("produce", 1, {}, {numbers});
  program.pool<square_pool>("square", 4, numbers, {squares}, ordering, retries);
  program.stage<Checker>("report", 1, {squares}, {});
  return program.run(argc, argv);
}

void reset(long items, long delay_us, mpl::order order, int retry) {
  item_count = items;
  max_delay_us = delay_us;
  ordering = order;
  retries = retry;
  output_capacity = 64;
  slow_start = false;
  kill_at_item = -1;
  kills_wanted = 0;
  kills_done.store(0);
  result[0].store(0);
  result[1].store(0);
}

}  // namespace

TEST_CASE("Pool.Ordered.RandomDelays" * doctest::timeout(30)) {
  reset(3000, 400, mpl::order::ordered, 0);
  auto run = mpl_test::run_program(pool_pipeline<ordered_checker>);
  CHECK_MESSAGE(run.exit_code == 0, run.err);
  CHECK(result[0].load() == 2 * item_count);
  CHECK(result[1].load() == 1);
}

TEST_CASE("Pool.Ordered.ManySmallItems" * doctest::timeout(30)) {
  reset(1'000'000, 0, mpl::order::ordered, 0);
  auto run = mpl_test::run_program(pool_pipeline<ordered_checker>, {"--workers", "square=2"});
  CHECK_MESSAGE(run.exit_code == 0, run.err);
  CHECK(result[1].load() == 1);
}

// The workers of an ordered pool take turns writing one SPSC output ring; a worker that
// starts while the ring is full must not take it for empty. Here the checker starts
// late, the first four batches (16 outputs each) fill the 64-slot ring exactly, and the
// worker of the fifth dies on its first item: its replacement starts with a full ring.
TEST_CASE("Pool.Ordered.ReplacementStartsWithFullOutputRing" * doctest::timeout(30)) {
  reset(2000, 0, mpl::order::ordered, 2);
  slow_start = true;
  kill_at_item = 32;
  kills_wanted = 1;
  auto run = mpl_test::run_program(pool_pipeline<ordered_checker>);
  CHECK_MESSAGE(run.exit_code == 0, run.err);
  CHECK(result[0].load() == 2 * item_count);
  CHECK(result[1].load() == 1);
}

TEST_CASE("Pool.Unordered.EveryItemOnce" * doctest::timeout(30)) {
  reset(200'000, 0, mpl::order::unordered, 0);
  auto run = mpl_test::run_program(pool_pipeline<unordered_checker>);
  CHECK_MESSAGE(run.exit_code == 0, run.err);
  CHECK(result[0].load() == 2 * item_count);
  CHECK(result[1].load() == 1);
}

TEST_CASE("Pool.Retry.KilledWorkerReplaced" * doctest::timeout(30)) {
  SUBCASE("ordered") { reset(2000, 100, mpl::order::ordered, 2); }
  SUBCASE("unordered") { reset(2000, 100, mpl::order::unordered, 2); }
  kill_at_item = 777;
  kills_wanted = 2;  // the replacement dies on the same item once more
  auto run = mpl_test::run_program(ordering == mpl::order::ordered ? pool_pipeline<ordered_checker>
                                                                   : pool_pipeline<unordered_checker>);
  CHECK_MESSAGE(run.exit_code == 0, run.err);
  CHECK(run.err.find("was killed by SIGKILL") != std::string::npos);
  CHECK(run.err.find("retry 2 of 2") != std::string::npos);
  CHECK(result[0].load() == 2 * item_count);  // exactly once: the half output was dropped
  CHECK(result[1].load() == 1);
}

TEST_CASE("Pool.Retry.Exhausted" * doctest::timeout(30)) {
  reset(2000, 50, mpl::order::ordered, 1);
  kill_at_item = 100;
  kills_wanted = 5;
  auto run = mpl_test::run_program(pool_pipeline<ordered_checker>);
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("item 100 failed 2 times (retry 1)") != std::string::npos);
  CHECK(run.seconds < 5);
}

namespace {
struct per_item_doubler : mpl::stage_body {
  mpl::output<long>& out;
  explicit per_item_doubler(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<long>(0)) {}
  void operator()(const long& x) {
    out.push(x * x);
    out.push(-x);
  }
};
}  // namespace

TEST_CASE("Stage.PerItem.Replicas" * doctest::timeout(30)) {
  reset(100'000, 0, mpl::order::unordered, 0);
  auto run = mpl_test::run_program([](int argc, char** argv) {
    mpl::program program("per-item");
    auto numbers = program.queue<long>("numbers", 128);
    auto squares = program.queue<long>("squares", 128);
    program.stage<numbers_producer>("produce", 1, {}, {numbers});
    program.per_item_stage<per_item_doubler>("square", 3, numbers, {squares});
    program.stage<unordered_checker>("report", 1, {squares}, {});
    return program.run(argc, argv);
  });
  CHECK_MESSAGE(run.exit_code == 0, run.err);
  CHECK(result[1].load() == 1);
}
