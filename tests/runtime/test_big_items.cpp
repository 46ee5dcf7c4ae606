// Items longer than a slot are read straight out of their chunks as they arrive (and
// big strings and vectors are copied into them straight from their storage): a decoder
// that reads less than the item, or throws halfway through it, must leave the queue at
// the next item, whatever the ring's capacity.
#include "run_in_child.hpp"

#include <mpl/mpl.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {
// id % 3 == 0: decoded whole and checked; 1: the decoder reads only the id; 2: it reads
// part of the bytes, then throws.
struct blob {
  long id = 0;
  std::vector<unsigned char> bytes;
};

unsigned char blob_byte(long id, std::size_t k) { return static_cast<unsigned char>(id * 31 + k * 7); }

std::size_t blob_length(long id) {
  static constexpr std::size_t lengths[] = {0, 1000, 1016, 1017, 3000, 5000, 70'000};
  return lengths[id % 7];  // 70,000 bytes: longer than a ring of 8 slots
}
}  // namespace

template <> struct mpl::codec<blob> {
  static void encode(const blob& b, mpl::byte_writer& out) {
    out.write_raw(b.id);
    out.write_raw<std::uint64_t>(b.bytes.size());
    out.write(b.bytes.data(), b.bytes.size());
  }
  static blob decode(mpl::byte_reader& in) {
    blob b;
    b.id = in.read_raw<long>();
    if (b.id % 3 == 1) return b;
    b.bytes.resize(in.read_raw<std::uint64_t>());
    if (b.id % 3 == 2) {
      in.read(b.bytes.data(), b.bytes.size() / 2);
      throw std::runtime_error("blob: refused halfway");
    }
    in.read(b.bytes.data(), b.bytes.size());
    return b;
  }
};

namespace {
constexpr long blob_count = 3000;
// Ids received in order (count, sum), refusals caught, and the first wrong id + 1.
mpl::shared_array<long, 4> outcome;

struct blob_source : mpl::stage_body {
  mpl::output<blob>& out;
  explicit blob_source(mpl::context& ctx) : mpl::stage_body(ctx), out(ctx.output<blob>(0)) {}
  void run() {
    blob b;
    for (long id = 0; id < blob_count; ++id) {
      b.id = id;
      b.bytes.resize(blob_length(id));
      for (std::size_t k = 0; k < b.bytes.size(); ++k) b.bytes[k] = blob_byte(id, k);
      out.push(b);
    }
  }
};

struct blob_checker : mpl::stage_body {
  mpl::input<blob>& in;
  explicit blob_checker(mpl::context& ctx) : mpl::stage_body(ctx), in(ctx.input<blob>(0)) {}
  void run() {
    long expected = 0, count = 0, sum = 0, refused = 0;
    for (;;) {
      std::optional<blob> b;
      try {
        b = in.pop();
      } catch (const std::runtime_error&) {
        ++refused;
        expected += 1;  // the refused item was the one expected
        continue;
      }
      if (!b) break;
      bool whole = b->id % 3 != 0 || b->bytes.size() == blob_length(b->id);
      for (std::size_t k = 0; whole && k < b->bytes.size(); ++k) whole = b->bytes[k] == blob_byte(b->id, k);
      if (b->id != expected || !whole) {
        outcome[3].store(expected + 1);
        return;
      }
      ++expected, ++count, sum += b->id;
    }
    outcome[0].store(count);
    outcome[1].store(sum);
    outcome[2].store(refused);
  }
};

// Strings and vectors of plain elements, small and big, alternating.
constexpr long text_count = 2000;
std::size_t text_length(long i) {
  static constexpr std::size_t lengths[] = {0, 1008, 1009, 1016, 2040, 9000, 150'000};
  return lengths[i % 7];
}

struct mixed_source : mpl::stage_body {
  mpl::output<std::string>& texts;
  mpl::output<std::vector<long>>& numbers;
  explicit mixed_source(mpl::context& ctx)
      : mpl::stage_body(ctx), texts(ctx.output<std::string>(0)), numbers(ctx.output<std::vector<long>>(1)) {}
  void run() {
    std::string s;
    std::vector<long> v;
    for (long i = 0; i < text_count; ++i) {
      s.assign(text_length(i), static_cast<char>('a' + i % 26));
      texts.push(s);
      v.resize(text_length(i) / 8);
      for (std::size_t k = 0; k < v.size(); ++k) v[k] = i * 1'000'003 + static_cast<long>(k);
      numbers.push(v);
    }
  }
};

struct mixed_checker : mpl::stage_body {
  mpl::input<std::string>& texts;
  mpl::input<std::vector<long>>& numbers;
  explicit mixed_checker(mpl::context& ctx)
      : mpl::stage_body(ctx), texts(ctx.input<std::string>(0)), numbers(ctx.input<std::vector<long>>(1)) {}
  void run() {
    long i = 0;
    for (const std::string& s : texts) {
      std::optional<std::vector<long>> v = numbers.pop();
      bool whole = v && s == std::string(text_length(i), static_cast<char>('a' + i % 26)) &&
                   v->size() == text_length(i) / 8;
      for (std::size_t k = 0; whole && k < v->size(); ++k) whole = (*v)[k] == i * 1'000'003 + static_cast<long>(k);
      if (!whole) {
        outcome[3].store(i + 1);
        return;
      }
      ++i;
    }
    outcome[0].store(i);
    outcome[1].store(numbers.pop() ? -1 : 0);
  }
};

long capacity_of_test = 2;
}  // namespace

TEST_CASE("Queue.BigItems.DecoderThatStopsEarlyOrThrowsLeavesTheNextItemWhole" * doctest::timeout(60)) {
  SUBCASE("capacity 2") { capacity_of_test = 2; }
  SUBCASE("capacity 8") { capacity_of_test = 8; }
  SUBCASE("capacity 1024") { capacity_of_test = 1024; }
  CAPTURE(capacity_of_test);
  for (std::size_t i = 0; i < outcome.size(); ++i) outcome[i].store(0);
  auto result = mpl_test::run_program([](int argc, char** argv) {
    mpl::program program("blobs");
    auto blobs = program.queue<blob>("blobs", capacity_of_test);
    program.stage<blob_source>("produce", 1, {}, {blobs});
    program.stage<blob_checker>("check", 1, {blobs}, {});
    return program.run(argc, argv);
  });
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  CHECK(outcome[3].load() == 0);  // k + 1: item k missing, corrupt or out of order
  long count = 0, sum = 0, refused = 0;
  for (long id = 0; id < blob_count; ++id) {
    if (id % 3 == 2) ++refused;
    else ++count, sum += id;
  }
  CHECK(outcome[0].load() == count);
  CHECK(outcome[1].load() == sum);
  CHECK(outcome[2].load() == refused);
}

TEST_CASE("Queue.BigItems.StringsAndVectorsFromTheirStorage" * doctest::timeout(60)) {
  SUBCASE("capacity 2") { capacity_of_test = 2; }
  SUBCASE("capacity 8") { capacity_of_test = 8; }
  SUBCASE("capacity 1024") { capacity_of_test = 1024; }
  CAPTURE(capacity_of_test);
  for (std::size_t i = 0; i < outcome.size(); ++i) outcome[i].store(0);
  auto result = mpl_test::run_program([](int argc, char** argv) {
    mpl::program program("mixed");
    auto texts = program.queue<std::string>("texts", capacity_of_test);
    auto numbers = program.queue<std::vector<long>>("numbers", capacity_of_test);
    program.stage<mixed_source>("produce", 1, {}, {texts, numbers});
    program.stage<mixed_checker>("check", 1, {texts, numbers}, {});
    return program.run(argc, argv);
  });
  CHECK_MESSAGE(result.exit_code == 0, result.err);
  CHECK(outcome[3].load() == 0);  // i + 1: item i missing or corrupt
  CHECK(outcome[0].load() == text_count);
  CHECK(outcome[1].load() == 0);  // no vector left over
}
