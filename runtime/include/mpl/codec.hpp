#pragma once
// How items travel between processes (see docs/codec.md).
//
// Trivially copyable items up to direct_item_max_bytes are copied straight into a ring
// slot. Everything else is encoded into bytes by mpl::codec<T> (built in for
// std::string, std::vector, std::pair, std::tuple, std::array and std::optional of
// supported types; user types specialise it) and streamed through the ring in chunks.
// Pointers, references and views never travel: their bytes mean nothing elsewhere.
#include "mpl/byte_buffer.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace mpl {

// Largest trivially copyable item copied directly into a slot (bigger ones are chunked).
inline constexpr std::size_t direct_item_max_bytes = 1024;

// Appends an item's bytes. The second form writes straight into `room` bytes at
// `first` (a free ring slot: no copy through a buffer) while they last; an item that
// turns out longer moves what it wrote to `out` and continues there (spilled()).
class byte_writer {
public:
  explicit byte_writer(byte_buffer& out) : out_(out) {}
  byte_writer(byte_buffer& out, std::byte* first, std::size_t room)
      : out_(out), first_(first), next_(first), room_(room) {}
  void write(const void* data, std::size_t bytes) {
    if (bytes - 1 < room_) [[likely]] {  // 1 to room_ bytes (an empty vector's data() may be null)
      std::memcpy(next_, data, bytes);
      next_ += bytes;
      room_ -= bytes;
    } else if (bytes != 0) {
      spill(data, bytes);
    }
  }
  template <class T> void write_raw(const T& value) { write(&value, sizeof value); }
  // With a region: false while everything fits there, and its bytes written so far.
  bool spilled() const { return next_ == nullptr; }
  std::size_t written_in_place() const { return static_cast<std::size_t>(next_ - first_); }

private:
  void spill(const void* data, std::size_t bytes) {
    if (next_ != first_) out_.append(first_, written_in_place());
    next_ = first_ = nullptr;
    room_ = 0;
    out_.append(data, bytes);
  }
  byte_buffer& out_;
  std::byte* first_ = nullptr;
  std::byte* next_ = nullptr;
  std::size_t room_ = 0;
};

// Reads an item's bytes back; throws std::runtime_error on a short buffer.
class byte_reader {
public:
  byte_reader(const std::byte* data, std::size_t bytes) : next_(data), end_(data + bytes) {}
  void read(void* out, std::size_t bytes) {
    if (static_cast<std::size_t>(end_ - next_) < bytes)
      throw std::runtime_error("mpl::codec: item bytes end early (encode and decode disagree)");
    std::memcpy(out, next_, bytes);
    next_ += bytes;
  }
  // The next `bytes` bytes where they are (valid as long as the item's bytes are).
  const std::byte* take(std::size_t bytes) {
    if (static_cast<std::size_t>(end_ - next_) < bytes)
      throw std::runtime_error("mpl::codec: item bytes end early (encode and decode disagree)");
    const std::byte* at = next_;
    next_ += bytes;
    return at;
  }
  template <class T> T read_raw() {
    T value;
    read(&value, sizeof value);
    return value;
  }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - next_); }

private:
  const std::byte* next_;
  const std::byte* end_;
};

// Specialise for a user type:
//   template <> struct mpl::codec<Point> {
//     static void encode(const Point& p, mpl::byte_writer& out);
//     static Point decode(mpl::byte_reader& in);
//   };
template <class T> struct codec {
  static constexpr bool mpl_not_specialised = true;
};

template <class T>
inline constexpr bool has_user_codec = !requires { codec<T>::mpl_not_specialised; };

namespace detail {
template <class T> struct builtin_codec : std::false_type {};

// Types whose bytes mean something only in the process that made them: pointers,
// references, and views of memory held elsewhere. A `long*` or a std::string_view is
// trivially copyable, so without this it would be copied byte for byte and arrive as
// an address into another process. Containers that are trivially copyable themselves
// (std::array, std::optional) pass the question on to their elements.
template <class T>
struct points_elsewhere
    : std::bool_constant<std::is_pointer_v<T> || std::is_member_pointer_v<T> ||
                         std::is_reference_v<T>> {};
template <class T>
inline constexpr bool element_points_elsewhere = !has_user_codec<T> && points_elsewhere<T>::value;
template <class C, class Tr>
struct points_elsewhere<std::basic_string_view<C, Tr>> : std::true_type {};
template <class T, std::size_t N> struct points_elsewhere<std::span<T, N>> : std::true_type {};
template <class T, std::size_t N>
struct points_elsewhere<std::array<T, N>> : std::bool_constant<element_points_elsewhere<T>> {};
template <class T>
struct points_elsewhere<std::optional<T>> : std::bool_constant<element_points_elsewhere<T>> {};
template <class A, class B>
struct points_elsewhere<std::pair<A, B>>
    : std::bool_constant<element_points_elsewhere<A> || element_points_elsewhere<B>> {};
template <class... Ts>
struct points_elsewhere<std::tuple<Ts...>>
    : std::bool_constant<(element_points_elsewhere<Ts> || ...)> {};
}  // namespace detail

// True for every type a queue can carry (docs/language.md, "Queues and items"): never a
// pointer, a reference, a view (std::string_view, std::span) or a container of them,
// unless a codec says how.
template <class T>
inline constexpr bool transferable =
    has_user_codec<T> ||
    (!detail::points_elsewhere<T>::value &&
     (std::is_trivially_copyable_v<T> || detail::builtin_codec<T>::value));

// Why an item type cannot travel, and what to do instead: the one text of every
// static_assert on transferable<T> (encode, decode, input, output, and the one mplc
// generates for each queue, which names the queue and its line first). A macro, since
// a static_assert's message must be a string literal.
#define MPL_UNTRANSFERABLE_ADVICE                                                         \
  "cannot travel between processes (a pointer, reference or view such as "              \
  "std::string_view or std::span would point into the sending process); use a trivially " \
  "copyable type without pointers, std::string, std::vector, std::pair, std::tuple, "     \
  "std::array or std::optional of those, or specialise mpl::codec<T> (see docs/codec.md)"

// Copied byte for byte into one slot, without encoding.
template <class T>
inline constexpr bool direct_item = std::is_trivially_copyable_v<T> && !has_user_codec<T> &&
                                    sizeof(T) <= direct_item_max_bytes;

template <class T> void encode(const T& value, byte_writer& out);
template <class T> T decode(byte_reader& in);

namespace detail {
template <> struct builtin_codec<std::string> : std::true_type {
  static void encode(const std::string& s, byte_writer& out) {
    out.write_raw<std::uint64_t>(s.size());
    out.write(s.data(), s.size());
  }
  static std::string decode(byte_reader& in) {
    std::string s;
    decode_into(in, s);
    return s;
  }
  // Into an existing string: its capacity is reused, no allocation per item.
  static void decode_into(byte_reader& in, std::string& s) {
    auto size = in.read_raw<std::uint64_t>();
    if (size > in.remaining()) throw std::runtime_error("mpl::codec: string longer than its item");
    const std::byte* bytes = in.take(size);
    s.resize(size);  // within its capacity: no allocation (assign costs twice as much)
    std::memcpy(s.data(), bytes, size);
  }
};
template <class T, class A>
struct builtin_codec<std::vector<T, A>> : std::bool_constant<transferable<T>> {
  static void encode(const std::vector<T, A>& v, byte_writer& out) {
    out.write_raw<std::uint64_t>(v.size());
    if constexpr (std::is_trivially_copyable_v<T> && !has_user_codec<T>)
      out.write(v.data(), v.size() * sizeof(T));
    else
      for (const T& element : v) mpl::encode(element, out);
  }
  static std::vector<T, A> decode(byte_reader& in) {
    std::vector<T, A> v;
    if constexpr (std::is_trivially_copyable_v<T> && !has_user_codec<T>) {
      decode_into(in, v);
    } else {
      auto size = in.read_raw<std::uint64_t>();
      v.reserve(size < in.remaining() ? size : in.remaining());
      for (std::uint64_t i = 0; i < size; ++i) v.push_back(mpl::decode<T>(in));
    }
    return v;
  }
  // Into an existing vector of plain elements: its capacity is reused (a big item
  // decoded into fresh memory page-faults its way through every page).
  static void decode_into(byte_reader& in, std::vector<T, A>& v)
    requires(std::is_trivially_copyable_v<T> && !has_user_codec<T>)
  {
    auto size = in.read_raw<std::uint64_t>();
    if (size > in.remaining() / (sizeof(T) ? sizeof(T) : 1))
      throw std::runtime_error("mpl::codec: vector longer than its item");
    v.resize(size);
    in.read(v.data(), size * sizeof(T));
  }
};
// std::vector<bool> has no data(): its bits are packed eight to a byte here too.
template <class A>
struct builtin_codec<std::vector<bool, A>> : std::true_type {
  static void encode(const std::vector<bool, A>& v, byte_writer& out) {
    out.write_raw<std::uint64_t>(v.size());
    std::uint8_t byte = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i]) byte |= static_cast<std::uint8_t>(1u << (i % 8));
      if (i % 8 == 7 || i + 1 == v.size()) {
        out.write_raw(byte);
        byte = 0;
      }
    }
  }
  static std::vector<bool, A> decode(byte_reader& in) {
    auto size = in.read_raw<std::uint64_t>();
    if (size / 8 + (size % 8 != 0) > in.remaining())
      throw std::runtime_error("mpl::codec: vector<bool> longer than its item");
    std::vector<bool, A> v(static_cast<std::size_t>(size));
    std::uint8_t byte = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i % 8 == 0) byte = in.read_raw<std::uint8_t>();
      v[i] = (byte >> (i % 8)) & 1u;
    }
    return v;
  }
};
template <class T>
struct builtin_codec<std::optional<T>> : std::bool_constant<transferable<T>> {
  static void encode(const std::optional<T>& o, byte_writer& out) {
    out.write_raw<std::uint8_t>(o.has_value());
    if (o) mpl::encode(*o, out);
  }
  static std::optional<T> decode(byte_reader& in) {
    if (!in.read_raw<std::uint8_t>()) return std::nullopt;
    return mpl::decode<T>(in);
  }
};
template <class T, std::size_t N>
struct builtin_codec<std::array<T, N>> : std::bool_constant<transferable<T>> {
  static void encode(const std::array<T, N>& a, byte_writer& out) {
    for (const T& element : a) mpl::encode(element, out);
  }
  static std::array<T, N> decode(byte_reader& in) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return std::array<T, N>{((void)I, mpl::decode<T>(in))...};
    }(std::make_index_sequence<N>());
  }
};
template <class... Ts>
struct builtin_codec<std::tuple<Ts...>> : std::bool_constant<(transferable<Ts> && ...)> {
  static void encode(const std::tuple<Ts...>& t, byte_writer& out) {
    std::apply([&](const auto&... element) { (mpl::encode(element, out), ...); }, t);
  }
  static std::tuple<Ts...> decode(byte_reader& in) {
    return std::tuple<Ts...>{mpl::decode<Ts>(in)...};  // braced init: left to right
  }
};
template <class A, class B>
struct builtin_codec<std::pair<A, B>> : std::bool_constant<transferable<A> && transferable<B>> {
  static void encode(const std::pair<A, B>& p, byte_writer& out) {
    mpl::encode(p.first, out);
    mpl::encode(p.second, out);
  }
  static std::pair<A, B> decode(byte_reader& in) {
    A first = mpl::decode<A>(in);
    return std::pair<A, B>(std::move(first), mpl::decode<B>(in));
  }
};
}  // namespace detail

template <class T> void encode(const T& value, byte_writer& out) {
  static_assert(transferable<T>, "this item type " MPL_UNTRANSFERABLE_ADVICE);
  if constexpr (has_user_codec<T>) codec<T>::encode(value, out);
  else if constexpr (std::is_trivially_copyable_v<T>) out.write_raw(value);
  else detail::builtin_codec<T>::encode(value, out);
}

template <class T> T decode(byte_reader& in) {
  static_assert(transferable<T>, "this item type " MPL_UNTRANSFERABLE_ADVICE);
  if constexpr (has_user_codec<T>) return codec<T>::decode(in);
  else if constexpr (std::is_trivially_copyable_v<T>) return in.read_raw<T>();
  else return detail::builtin_codec<T>::decode(in);
}

// True where decode_into can reuse an existing value's storage (std::string).
template <class T>
inline constexpr bool decodes_in_place = !has_user_codec<T> && requires(byte_reader& in, T& out) {
  detail::builtin_codec<T>::decode_into(in, out);
};
template <class T> void decode_into(byte_reader& in, T& out) {
  static_assert(decodes_in_place<T>, "decode_into: this type is decoded by value (use decode)");
  detail::builtin_codec<T>::decode_into(in, out);
}

}  // namespace mpl
