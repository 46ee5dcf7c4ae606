// The inlined SPSC fast paths (ring_writer::push_direct, ring_reader::pop_direct) check
// one precomputed limit per item and count items from the ring's indices when they
// publish. Tagged items through every mix of push/try_push and pop/try_pop/for, with
// loops left early and resumed, on rings small enough to wrap many times: nothing lost,
// duplicated or reordered, and --stats counts every item exactly once; the same through
// an MPMC ring with a sole consumer (fan-in).
#include "run_in_child.hpp"

#include <mpl/mpl.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

long fast_items = 0;
mpl::shared<long> received;  // items the checker saw in order, or -1 on a mismatch

struct mixed_producer : mpl::stage_body {
  mpl::output<long>& out;
  explicit mixed_producer(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<long>(0)) {}
  void run() {
    for (long i = 0; i < fast_items; ++i) {
      if (i % 7 == 3) {
        while (!out.try_push(i)) {
        }
      } else {
        out.push(i);
      }
    }
  }
};

struct mixed_checker : mpl::stage_body {
  mpl::input<long>& in;
  explicit mixed_checker(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<long>(0)) {}
  bool expect(long value, long& next) {
    if (value != next) {
      received.store(-1 - next);
      return false;
    }
    ++next;
    return true;
  }
  void run() {
    long next = 0;
    for (;;) {
      // A for loop left after a few items: the next loop must resume right after them.
      int taken = 0;
      for (long x : in) {
        if (!expect(x, next)) return;
        if (++taken == 5 + static_cast<int>(next % 13)) break;
      }
      long x;
      if (in.try_pop(x) && !expect(x, next)) return;
      std::optional<long> item = in.pop();
      if (!item) break;
      if (!expect(*item, next)) return;
    }
    received.store(next);
  }
};

// Runs `producers` processes of Producer ("produce") into one queue of `capacity` items
// read by one Consumer ("check") with --stats=json.
template <class Producer, class Consumer, class Item = long>
mpl_test::run_result run_two_stages(long capacity, int producers = 1) {
  return mpl_test::run_program(
      [capacity, producers](int argc, char** argv) {
        mpl::program program("two_stages");
        auto numbers = program.queue<Item>("numbers", capacity);
        program.stage<Producer>("produce", producers, {}, {numbers});
        program.stage<Consumer>("check", 1, {numbers}, {});
        return program.run(argc, argv);
      },
      {"--stats=json"});
}

// The "items" figure of a stage or queue in --stats=json output, or -1.
long json_items(const std::string& json, const std::string& name, const std::string& key) {
  std::size_t at = json.find("\"name\": \"" + name + "\"");
  if (at == std::string::npos) return -1;
  at = json.find("\"" + key + "\": ", at);
  if (at == std::string::npos) return -1;
  return std::stol(json.substr(at + key.size() + 4));
}

}  // namespace

TEST_CASE("Queue.FastPath.MixedCallsNothingLostOrDuplicated" * doctest::timeout(60)) {
  long capacity = 2;
  SUBCASE("capacity 2") { capacity = 2; fast_items = 200'000; }
  SUBCASE("capacity 64") { capacity = 64; fast_items = 1'000'000; }
  SUBCASE("capacity 1024") { capacity = 1024; fast_items = 3'000'000; }
  CAPTURE(capacity);
  received.store(0);
  auto result = run_two_stages<mixed_producer, mixed_checker>(capacity);
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  CHECK(received.load() == fast_items);  // -1 - k: item k missing or out of order
  std::string stats = result.out + result.err;
  CHECK(json_items(stats, "produce", "items_out") == fast_items);
  CHECK(json_items(stats, "check", "items_in") == fast_items);
}

namespace {
struct pool_source : mpl::stage_body {
  mpl::output<long>& out;
  explicit pool_source(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<long>(0)) {}
  void run() {
    for (long i = 0; i < fast_items; ++i) out.push(i);
  }
};
struct pool_pass : mpl::stage_body {
  mpl::output<long>& out;
  explicit pool_pass(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<long>(0)) {}
  void operator()(const long& x) { out.push(x); }
};
}  // namespace

TEST_CASE("Queue.FastPath.OrderedPoolOutputCountedOnce" * doctest::timeout(60)) {
  // The workers of an ordered pool take turns on one SPSC output: each counts only what
  // it pushed itself, whatever the turns before it pushed.
  fast_items = 300'000;
  received.store(0);
  auto result = mpl_test::run_program(
      [](int argc, char** argv) {
        mpl::program program("pooled");
        auto numbers = program.queue<long>("numbers", 16);
        auto passed = program.queue<long>("passed", 16);
        program.stage<pool_source>("produce", 1, {}, {numbers});
        program.pool<pool_pass>("pass", 2, numbers, {passed}, mpl::order::ordered, 0);
        program.stage<mixed_checker>("check", 1, {passed}, {});
        return program.run(argc, argv);
      },
      {"--stats=json"});
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  std::string stats = result.out + result.err;
  CHECK(received.load() == fast_items);
  CHECK(json_items(stats, "pass", "items_out") == fast_items);
  CHECK(json_items(stats, "check", "items_in") == fast_items);
}

namespace {
// Encoded items written into their slot and read from it in place, when they fit one
// chunk (1016 bytes with the length), and spilled to the chunked path when they do not:
// lengths sweep across that boundary and beyond the whole ring.
std::size_t text_length(long i) {
  static constexpr std::size_t around_one_chunk[] = {0, 1, 1007, 1008, 1009, 1016, 2031, 2032, 2033};
  return i % 3 == 0 ? around_one_chunk[(i / 3) % 9] : static_cast<std::size_t>(i * 7919 % 5000);
}
void make_text(long i, std::string& s) {
  s.resize(text_length(i));
  for (std::size_t k = 0; k < s.size(); ++k) s[k] = static_cast<char>('a' + (i + static_cast<long>(k)) % 26);
}

struct text_source : mpl::stage_body {
  mpl::output<std::string>& out;
  explicit text_source(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<std::string>(0)) {}
  void run() {
    std::string s;
    for (long i = 0; i < fast_items; ++i) {
      make_text(i, s);
      out.push(s);
    }
  }
};

struct text_checker : mpl::stage_body {
  mpl::input<std::string>& in;
  explicit text_checker(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<std::string>(0)) {}
  void run() {
    long next = 0;
    std::string expected;
    for (const std::string& s : in) {
      make_text(next, expected);
      if (s != expected) {
        received.store(-1 - next);
        return;
      }
      ++next;
    }
    received.store(next);
  }
};
}  // namespace

TEST_CASE("Queue.FastPath.StringsInPlaceAcrossTheChunkBoundary" * doctest::timeout(60)) {
  long capacity = 2;
  SUBCASE("capacity 2: items longer than the ring") { capacity = 2; }
  SUBCASE("capacity 8") { capacity = 8; }
  SUBCASE("capacity 1024") { capacity = 1024; }
  CAPTURE(capacity);
  fast_items = 30'000;
  received.store(0);
  auto result = run_two_stages<text_source, text_checker, std::string>(capacity);
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  CHECK(received.load() == fast_items);  // -1 - k: item k missing, corrupt or out of order
  std::string stats = result.out + result.err;
  CHECK(json_items(stats, "produce", "items_out") == fast_items);
  CHECK(json_items(stats, "check", "items_in") == fast_items);
}

namespace {
// Bodies that leave through exit(): the endpoints' destructors never run, so their
// batched positions and counts are published by the stage process's exit hook.
bool producer_exits = false, consumer_exits = false;

struct exiting_producer : mpl::stage_body {
  mpl::output<long>& out;
  explicit exiting_producer(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<long>(0)) {}
  void run() {
    for (long i = 0; i < fast_items; ++i) out.push(i);
    if (producer_exits) std::exit(0);
  }
};

struct exiting_counter : mpl::stage_body {
  mpl::input<long>& in;
  explicit exiting_counter(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<long>(0)) {}
  void run() {
    long next = 0;
    for (long x : in) {
      if (x != next) {
        received.store(-1 - next);
        return;
      }
      received.store(++next);
      if (consumer_exits && next == fast_items) std::exit(0);
    }
  }
};
}  // namespace

TEST_CASE("Queue.FastPath.CountsExactAfterExit" * doctest::timeout(60)) {
  long capacity = 1024;
  producer_exits = consumer_exits = false;
  SUBCASE("producer exits, 300 items, capacity 1024") { fast_items = 300; producer_exits = true; }
  SUBCASE("producer exits, 5000 items, capacity 4096") { capacity = 4096; fast_items = 5000; producer_exits = true; }
  SUBCASE("consumer exits after its 100th item") { fast_items = 100; consumer_exits = true; }
  SUBCASE("consumer exits after its 1000th item, capacity 64") { capacity = 64; fast_items = 1000; consumer_exits = true; }
  SUBCASE("both exit, 777 items, capacity 8") { capacity = 8; fast_items = 777; producer_exits = consumer_exits = true; }
  CAPTURE(capacity);
  CAPTURE(fast_items);
  received.store(0);
  auto result = run_two_stages<exiting_producer, exiting_counter>(capacity);
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  CHECK(received.load() == fast_items);
  std::string stats = result.out + result.err;
  CHECK(json_items(stats, "produce", "items_out") == fast_items);
  CHECK(json_items(stats, "check", "items_in") == fast_items);
}

namespace {
// Fan-in: the two replicas of one stage into a queue that one process reads, an MPMC
// ring whose only consumer keeps its head to itself and counts its items as it frees
// them (docs/runtime.md, "Batched frees while producers sleep").
struct tagged_producer : mpl::stage_body {
  mpl::output<long>& out;
  long replica;
  explicit tagged_producer(mpl::context& ctx)
      : mpl::stage_body(ctx), out(ctx.output<long>(0)), replica(ctx.index()) {}
  void run() {
    for (long i = 0; i < fast_items; ++i) {
      long tagged = i * 2 + replica;
      if (i % 7 == 3) {
        while (!out.try_push(tagged)) {
        }
      } else {
        out.push(tagged);
      }
    }
    if (producer_exits) std::exit(0);
  }
};

struct fan_in_checker : mpl::stage_body {
  mpl::input<long>& in;
  explicit fan_in_checker(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<long>(0)) {}
  void run() {
    long next[2] = {0, 0}, total = 0;
    for (;;) {
      int taken = 0;
      for (long x : in) {  // left early and resumed, as above
        if (!take(x, next, total)) return;
        if (++taken == 5 + static_cast<int>(total % 13)) break;
      }
      std::optional<long> item = in.pop();
      if (!item) break;
      if (!take(*item, next, total)) return;
    }
  }
  // In order per producer, counted in `received`; -1 - n: the nth item was wrong.
  static bool take(long x, long (&next)[2], long& total) {
    long replica = x & 1, i = x >> 1;
    if (i != next[replica]) {
      received.store(-1 - total);
      return false;
    }
    ++next[replica];
    received.store(++total);
    if (consumer_exits && total == 2 * fast_items) std::exit(0);
    return true;
  }
};
}  // namespace

TEST_CASE("Queue.FastPath.FanInSoleConsumerCountsExact" * doctest::timeout(60)) {
  long capacity = 1024;
  producer_exits = consumer_exits = false;
  SUBCASE("capacity 2") { capacity = 2; fast_items = 50'000; }
  SUBCASE("capacity 64") { capacity = 64; fast_items = 300'000; }
  SUBCASE("capacity 1024") { fast_items = 1'000'000; }
  SUBCASE("producers exit, 777 items each, capacity 8") { capacity = 8; fast_items = 777; producer_exits = true; }
  SUBCASE("consumer exits after the last item, 1000 each") { fast_items = 1000; consumer_exits = true; }
  CAPTURE(capacity);
  CAPTURE(fast_items);
  received.store(0);
  auto result = run_two_stages<tagged_producer, fan_in_checker>(capacity, 2);
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  CHECK(received.load() == 2 * fast_items);  // -1 - n: the nth item was lost, repeated or out of order
  std::string stats = result.out + result.err;
  CHECK(stats.find("\"ring\": \"mpmc\"") != std::string::npos);
  CHECK(json_items(stats, "numbers", "high_water") <= json_items(stats, "numbers", "slots"));
  CHECK(json_items(stats, "produce", "items_out") == 2 * fast_items);
  CHECK(json_items(stats, "check", "items_in") == 2 * fast_items);
}

namespace {
// One item in the queue at a time: the producer pushes the next only once the consumer
// has taken the last (a handshake through shared memory), so the high water is exactly
// 1 — through SPSC, and through an MPMC ring with a sole consumer (a second producer
// replica that pushes nothing).
mpl::shared<long> taken;

struct handshake_producer : mpl::stage_body {
  mpl::output<long>& out;
  int replica;
  explicit handshake_producer(mpl::context& ctx)
      : mpl::stage_body(ctx), out(ctx.output<long>(0)), replica(ctx.index()) {}
  void run() {
    if (replica != 0) return;
    for (long i = 0; i < fast_items; ++i) {
      out.push(i);
      while (taken.load() <= i) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  }
};

struct handshake_consumer : mpl::stage_body {
  mpl::input<long>& in;
  explicit handshake_consumer(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<long>(0)) {}
  void run() {
    for (long x : in) taken.store(x + 1);
  }
};
}  // namespace

TEST_CASE("Queue.FastPath.HighWaterOfATrickle" * doctest::timeout(60)) {
  int producers = 1;
  const char* ring = "spsc";
  SUBCASE("spsc") {}
  SUBCASE("mpmc, sole consumer") { producers = 2; ring = "mpmc"; }
  CAPTURE(ring);
  fast_items = 40;
  taken.store(0);
  auto result = run_two_stages<handshake_producer, handshake_consumer>(1024, producers);
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  CHECK(taken.load() == fast_items);
  std::string stats = result.out + result.err;
  CHECK(stats.find(std::string("\"ring\": \"") + ring + "\"") != std::string::npos);
  CHECK(json_items(stats, "numbers", "high_water") == 1);
}
