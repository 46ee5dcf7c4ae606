// Many processes sleeping on one queue (issue 11, item 2): a notify wakes one sleeper at
// a time (a baton, futex.hpp) and a single consumer frees slots in batches while
// producers sleep, so these runs depend on every wake-up being passed on where it is
// needed. They run without the 100 ms safety net on sleeps (`no_safety_net`): a lost
// wake-up hangs the run, which the child's timeout turns into a failure. Tagged items
// prove nothing is lost, duplicated or reordered. How long they take is measured by
// bench/runtime/wakeup_bench.cpp, not here.
#include "run_in_child.hpp"

#include <mpl/mpl.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

namespace {

constexpr int many = 200;
long items_each = 0;
// Per producer: count, sum of seq, sum of seq squared, as seen by all consumers.
mpl::shared_array<unsigned long, 3 * many> tally;
mpl::shared<long> out_of_order;

using mpl_test::no_safety_net;

void reset() {
  for (std::size_t i = 0; i < tally.size(); ++i) tally[i].store(0);
  out_of_order.store(0);
}

void check_tally(int producers) {
  CHECK(out_of_order.load() == 0);
  unsigned long n = static_cast<unsigned long>(items_each), sum = 0, squares = 0;
  for (unsigned long i = 0; i < n; ++i) sum += i, squares += i * i;
  for (int p = 0; p < producers; ++p) {
    CAPTURE(p);
    CHECK(tally[3 * p].load() == n);
    CHECK(tally[3 * p + 1].load() == sum);
    CHECK(tally[3 * p + 2].load() == squares);
  }
}

bool check_order = true;  // an unordered pool may reorder one producer's items

// Consumers count what they see; each sees every producer's items in order.
struct tally_keeper {
  long last[many];
  tally_keeper() { std::fill(std::begin(last), std::end(last), -1L); }
  void see(int producer, long seq) {
    if (check_order && seq <= last[producer]) ++out_of_order;
    last[producer] = seq;
    auto s = static_cast<unsigned long>(seq);
    tally[3 * producer] += 1;
    tally[3 * producer + 1] += s;
    tally[3 * producer + 2] += s * s;
  }
};

struct tagged {
  int producer;
  long seq;
};

struct small_producer : mpl::stage_body {
  mpl::output<tagged>& out;
  explicit small_producer(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<tagged>(0)) {}
  void run() {
    for (long i = 0; i < items_each; ++i) out.push(tagged{index, i});
  }
};

// Pauses now and then between pushes: a producer woken for a batch of free slots often
// pushes one item and goes away, so the rest must be passed on to another sleeper.
long pause_every = 0;
struct pausing_producer : mpl::stage_body {
  mpl::output<tagged>& out;
  explicit pausing_producer(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<tagged>(0)) {}
  void run() {
    for (long i = 0; i < items_each; ++i) {
      out.push(tagged{index, i});
      if ((i + index) % pause_every == 0)
        std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  }
};

// A pool's body: passes the item on, sometimes after a pause.
struct forward_pool : mpl::stage_body {
  mpl::output<tagged>& out;
  explicit forward_pool(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<tagged>(0)) {}
  void operator()(const tagged& item) {
    if (item.seq % 97 == 0) std::this_thread::sleep_for(std::chrono::microseconds(30));
    out.push(item);
  }
};

struct small_consumer : mpl::stage_body {
  mpl::input<tagged>& in;
  explicit small_consumer(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<tagged>(0)) {}
  void run() {
    tally_keeper keeper;
    for (tagged item : in) keeper.see(item.producer, item.seq);
  }
};

// Encoded items of 1 byte to 3 KiB: through a 2-slot ring most of them stream, so
// producers wait for a given slot and consumers for a given chunk (own_condition).
std::string text_item(int producer, long seq) {
  std::string text = std::to_string(producer) + ":" + std::to_string(seq) + ":";
  text.append(static_cast<std::size_t>((producer * 131 + seq * 977) % 3000), 'x');
  return text;
}

struct text_producer : mpl::stage_body {
  mpl::output<std::string>& out;
  explicit text_producer(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<std::string>(0)) {}
  void run() {
    for (long i = 0; i < items_each; ++i) out.push(text_item(index, i));
  }
};

struct text_consumer : mpl::stage_body {
  mpl::input<std::string>& in;
  explicit text_consumer(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<std::string>(0)) {}
  void run() {
    tally_keeper keeper;
    for (const std::string& text : in) {
      std::size_t colon = text.find(':');
      int producer = std::stoi(text.substr(0, colon));
      long seq = std::stol(text.substr(colon + 1));
      if (text != text_item(producer, seq)) ++out_of_order;  // a torn or mixed item
      keeper.see(producer, seq);
    }
  }
};

// Runs `producers` Producer processes into one queue of `capacity` slots read by
// `consumers` Consumer processes, and checks that every item arrived exactly once.
template <class Item, class Producer, class Consumer>
void run_crowd(int producers, int consumers, long capacity) {
  auto result = mpl_test::run_program([&](int argc, char** argv) {
    mpl::program program("herd");
    auto items = program.queue<Item>("items", capacity);
    program.stage<Producer>("produce", producers, {}, {items});
    program.stage<Consumer>("consume", consumers, {items}, {});
    return program.run(argc, argv);
  }, {}, 60);
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  check_tally(producers);
}

}  // namespace

TEST_CASE("Queue.Wakeups.ManyProducersTinyCapacity" * doctest::timeout(60)) {
  items_each = 300;  // 60,000 items from 200 producers through 2 slots to 3 consumers
  reset();
  no_safety_net strict;
  run_crowd<tagged, small_producer, small_consumer>(many, 3, 2);
}

TEST_CASE("Queue.Wakeups.ManyConsumersFewProducers" * doctest::timeout(60)) {
  // The other side: 100 consumers sleep on an empty ring, 2 producers fill it.
  items_each = 20'000;
  reset();
  no_safety_net strict;
  run_crowd<tagged, small_producer, small_consumer>(2, 100, 4);
}

TEST_CASE("Queue.Wakeups.ChunkedItemsTinyCapacity" * doctest::timeout(60)) {
  items_each = 40;  // 1,920 items of up to 3 chunks from 48 producers through 2 slots
  reset();
  no_safety_net strict;
  run_crowd<std::string, text_producer, text_consumer>(48, 2, 2);
}

TEST_CASE("Queue.Wakeups.ManyProducersOneConsumer" * doctest::timeout(120)) {
  // One consumer: of an MPMC ring (64 producers; it frees slots in batches while they
  // sleep) and of an SPSC ring (1 producer).
  no_safety_net strict;
  for (int producers : {1, 64}) {
    for (long capacity : {2L, 4L, 16L}) {
      CAPTURE(producers);
      CAPTURE(capacity);
      items_each = producers == 1 ? 100'000 : 1'000;
      reset();
      run_crowd<tagged, small_producer, small_consumer>(producers, 1, capacity);
    }
  }
}

TEST_CASE("Queue.Wakeups.PausingProducers" * doctest::timeout(120)) {
  // A woken producer that pushes one item and pauses leaves room behind it while others
  // sleep: someone must wake them.
  no_safety_net strict;
  for (int consumers : {1, 3}) {
    for (long every : {2L, 7L}) {
      CAPTURE(consumers);
      CAPTURE(every);
      items_each = 200;
      pause_every = every;
      reset();
      run_crowd<tagged, pausing_producer, small_consumer>(48, consumers, 4);
    }
  }
}

TEST_CASE("Pool.Wakeups.ManyProducersTinyCapacity" * doctest::timeout(120)) {
  // 32 producers into a pool of 8 workers through a tiny input, then one consumer:
  // producers and workers sleep on the input, workers on the output.
  no_safety_net strict;
  for (auto order : {mpl::order::unordered, mpl::order::ordered}) {
    CAPTURE(order == mpl::order::ordered);
    items_each = 500;
    check_order = order == mpl::order::ordered;
    reset();
    auto result = mpl_test::run_program([&](int argc, char** argv) {
      mpl::program program("herd_pool");
      auto items = program.queue<tagged>("items", 4);
      auto passed = program.queue<tagged>("passed", 4);
      program.stage<small_producer>("produce", 32, {}, {items});
      program.pool<forward_pool>("forward", 8, items, {passed}, order, 0);
      program.stage<small_consumer>("consume", 1, {passed}, {});
      return program.run(argc, argv);
    }, {}, 60);
    CHECK_MESSAGE(result.exit_code == 0, result.err);
    check_tally(32);
  }
  check_order = true;
}
