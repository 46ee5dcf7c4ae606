// Many processes sleeping on one queue (issue 11, item 2): a pop or push wakes only as
// many sleepers as can proceed, so these runs depend on every wake-up being passed on
// where it is needed. Tagged items prove nothing is lost, duplicated or reordered.
// How long they take is measured by bench/runtime/wakeup_bench.cpp, not here.
#include "run_in_child.hpp"

#include <mpl/mpl.hpp>

#include <doctest/doctest.h>

#include <string>

namespace {

constexpr int many = 200;
long items_each = 0;
// Per producer: count, sum of seq, sum of seq squared, as seen by all consumers.
mpl::shared_array<unsigned long, 3 * many> tally;
mpl::shared<long> out_of_order;

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

// Consumers count what they see; each sees every producer's items in order.
struct tally_keeper {
  long last[many];
  tally_keeper() { std::fill(std::begin(last), std::end(last), -1L); }
  void see(int producer, long seq) {
    if (seq <= last[producer]) ++out_of_order;
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

}  // namespace

TEST_CASE("Queue.Wakeups.ManyProducersTinyCapacity" * doctest::timeout(60)) {
  items_each = 300;  // 60,000 items from 200 producers through 2 slots to 3 consumers
  reset();
  auto result = mpl_test::run_program([](int argc, char** argv) {
    mpl::program program("herd");
    auto items = program.queue<tagged>("items", 2);
    program.stage<small_producer>("produce", many, {}, {items});
    program.stage<small_consumer>("consume", 3, {items}, {});
    return program.run(argc, argv);
  }, {}, 60);
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  check_tally(many);
}

TEST_CASE("Queue.Wakeups.ManyConsumersFewProducers" * doctest::timeout(60)) {
  // The other side: 100 consumers sleep on an empty ring, 2 producers fill it.
  items_each = 20'000;
  reset();
  auto result = mpl_test::run_program([](int argc, char** argv) {
    mpl::program program("herd");
    auto items = program.queue<tagged>("items", 4);
    program.stage<small_producer>("produce", 2, {}, {items});
    program.stage<small_consumer>("consume", 100, {items}, {});
    return program.run(argc, argv);
  }, {}, 60);
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  check_tally(2);
}

TEST_CASE("Queue.Wakeups.ChunkedItemsTinyCapacity" * doctest::timeout(60)) {
  items_each = 40;  // 1,920 items of up to 3 chunks from 48 producers through 2 slots
  reset();
  auto result = mpl_test::run_program([](int argc, char** argv) {
    mpl::program program("herd_text");
    auto items = program.queue<std::string>("items", 2);
    program.stage<text_producer>("produce", 48, {}, {items});
    program.stage<text_consumer>("consume", 2, {items}, {});
    return program.run(argc, argv);
  }, {}, 60);
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  check_tally(48);
}
