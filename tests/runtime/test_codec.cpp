// The item codec: built-in encodings round-trip, user codecs, transferable<T>.
#include <mpl/codec.hpp>

#include <doctest/doctest.h>

#include <map>

namespace {
struct point {
  double x, y;
};
struct named {  // not trivially copyable: needs a codec
  std::string name;
  std::vector<int> values;
  bool operator==(const named&) const = default;
};
}  // namespace

template <> struct mpl::codec<named> {
  static void encode(const named& n, mpl::byte_writer& out) {
    mpl::encode(n.name, out);
    mpl::encode(n.values, out);
  }
  static named decode(mpl::byte_reader& in) {
    named n;
    n.name = mpl::decode<std::string>(in);
    n.values = mpl::decode<std::vector<int>>(in);
    return n;
  }
};

namespace {
template <class T> T round_trip(const T& value) {
  mpl::byte_buffer bytes;
  mpl::byte_writer out(bytes);
  mpl::encode(value, out);
  mpl::byte_reader in(bytes.data(), bytes.size());
  T back = mpl::decode<T>(in);
  CHECK(in.remaining() == 0);
  return back;
}
}  // namespace

static_assert(mpl::transferable<long> && mpl::direct_item<long>);
static_assert(mpl::transferable<point> && mpl::direct_item<point>);
static_assert(mpl::transferable<std::string> && !mpl::direct_item<std::string>);
static_assert(mpl::transferable<std::vector<std::pair<std::string, long>>>);
static_assert(mpl::transferable<std::tuple<int, std::string, std::optional<double>>>);
static_assert(mpl::transferable<std::array<std::string, 3>>);
static_assert(mpl::transferable<named> && !mpl::direct_item<named>);
static_assert(!mpl::transferable<std::map<int, int>>);
static_assert(!mpl::transferable<std::vector<std::map<int, int>>>);
static_assert(!mpl::direct_item<std::array<char, 4096>>, "big trivially copyable items are chunked");
// Addresses and views of memory in the sending process never travel, nor containers of them.
static_assert(!mpl::transferable<long*>);
static_assert(!mpl::transferable<const char*>);
static_assert(!mpl::transferable<long&>);
static_assert(!mpl::transferable<int point::*>);
static_assert(!mpl::transferable<std::string_view>);
static_assert(!mpl::transferable<std::span<const long>>);
static_assert(!mpl::transferable<std::vector<long*>>);
static_assert(!mpl::transferable<std::array<long*, 3>>);
static_assert(!mpl::transferable<std::optional<std::string_view>>);
static_assert(!mpl::transferable<std::pair<long, std::string_view>>);
static_assert(!mpl::transferable<std::tuple<long, std::span<int>>>);
static_assert(mpl::transferable<std::vector<bool>> && !mpl::direct_item<std::vector<bool>>);
static_assert(mpl::transferable<std::array<long, 3>> && mpl::transferable<std::optional<long>>);

TEST_CASE("Codec.RoundTrip") {
  CHECK(round_trip(std::string("hello")) == "hello");
  CHECK(round_trip(std::string()).empty());
  CHECK(round_trip(std::vector<std::string>{"42", "None", "hello"}) == std::vector<std::string>{"42", "None", "hello"});
  std::vector<std::pair<std::string, long>> counts{{"the", 3}, {"a", 1}};
  CHECK(round_trip(counts) == counts);
  std::tuple<int, std::string, std::optional<double>> tuple{1, "x", std::nullopt};
  CHECK(round_trip(tuple) == tuple);
  std::array<std::string, 2> array{"left", "right"};
  CHECK(round_trip(array) == array);
  CHECK(round_trip(std::optional<std::string>("set")) == "set");
  named user{"n", {1, 2, 3}};
  CHECK(round_trip(user) == user);
  CHECK(round_trip(point{1, 2}).y == 2);
}

TEST_CASE("Codec.VectorBool") {
  // std::vector<bool> has no data(): it once passed transferable and failed to compile.
  for (std::size_t size : {0, 1, 7, 8, 9, 64, 1000}) {
    std::vector<bool> bits(size);
    for (std::size_t i = 0; i < size; ++i) bits[i] = (i * 7 + 3) % 5 < 2;
    CHECK(round_trip(bits) == bits);
  }
  std::vector<std::byte> bytes(9);  // a size of 2^20 with no bits behind it
  bytes[2] = std::byte{0x10};
  mpl::byte_reader in(bytes.data(), bytes.size());
  CHECK_THROWS_AS(mpl::decode<std::vector<bool>>(in), std::runtime_error);
}

TEST_CASE("Codec.ShortInputThrows") {
  std::vector<std::byte> bytes(3);
  mpl::byte_reader in(bytes.data(), bytes.size());
  CHECK_THROWS_AS(mpl::decode<std::string>(in), std::runtime_error);
}

TEST_CASE("Codec.WriterInPlaceSpillsWhenFull") {
  // Encoded into a fixed region (a ring slot) while it fits; beyond it, everything
  // written so far moves to the buffer and the rest follows there, in order.
  for (std::size_t length : {0, 1, 15, 16, 17, 100}) {
    CAPTURE(length);
    std::string s(length, 'x');
    for (std::size_t i = 0; i < length; ++i) s[i] = static_cast<char>('a' + i % 26);
    std::byte region[24];
    mpl::byte_buffer spilled;
    mpl::byte_writer out(spilled, region, sizeof region);
    mpl::encode(s, out);
    bool fits = 8 + length <= sizeof region;
    CHECK(out.spilled() == !fits);
    const std::byte* bytes = fits ? region : spilled.data();
    std::size_t size = fits ? out.written_in_place() : spilled.size();
    CHECK(size == 8 + length);
    mpl::byte_reader in(bytes, size);
    CHECK(mpl::decode<std::string>(in) == s);
  }
}

TEST_CASE("Codec.VectorDecodedIntoExistingStorage") {
  std::vector<double> big(1000, 1.5), small{1, 2, 3}, into(2000, 9.0);
  for (const auto& v : {big, small, std::vector<double>{}, big}) {
    mpl::byte_buffer bytes;
    mpl::byte_writer out(bytes);
    mpl::encode(v, out);
    mpl::byte_reader in(bytes.data(), bytes.size());
    mpl::decode_into(in, into);
    CHECK(into == v);
  }
}

namespace {
// Hands out a byte string in regions of `piece` bytes, as a ring hands out chunks.
struct pieces : mpl::region_source {
  pieces(const std::byte* next, std::size_t left, std::size_t piece) : next(next), left(left), piece(piece) {}
  const std::byte* next;
  std::size_t left, piece;
  const std::byte* next_region(std::size_t& bytes, std::size_t& later) override {
    if (left == 0) return nullptr;
    bytes = std::min(piece, left);
    const std::byte* at = next;
    next += bytes;
    left -= bytes;
    later = left;
    return at;
  }
};
}  // namespace

TEST_CASE("Codec.ReaderGoesOnAcrossRegions") {
  std::vector<std::string> texts{"", "a", std::string(100, 'b'), std::string(5000, 'c')};
  std::vector<double> numbers(3000, 2.5);
  mpl::byte_buffer bytes;
  mpl::byte_writer out(bytes);
  for (const auto& s : texts) mpl::encode(s, out);
  mpl::encode(numbers, out);
  for (std::size_t piece : {1, 7, 16, 1016}) {
    CAPTURE(piece);
    std::size_t first = std::min(piece, bytes.size());
    pieces rest(bytes.data() + first, bytes.size() - first, piece);
    mpl::byte_reader in(rest, bytes.data(), first, bytes.size() - first);
    CHECK(in.remaining() == bytes.size());
    std::string s = "old contents";
    for (const auto& expected : texts) {
      mpl::decode_into(in, s);
      CHECK(s == expected);
    }
    std::vector<double> into;
    mpl::decode_into(in, into);
    CHECK(into == numbers);
    CHECK(in.remaining() == 0);
    CHECK_THROWS_AS(in.read_raw<char>(), std::runtime_error);  // past the item's end
  }
}
