#pragma once
// How items travel between processes (see docs/codec.md).
//
// Trivially copyable items up to direct_item_max_bytes are copied straight into a ring
// slot. Everything else is encoded into bytes by mpl::codec<T> (built in for
// std::string, std::vector, std::pair, std::tuple, std::array and std::optional of
// supported types; user types specialise it) and streamed through the ring in chunks.
// Pointers, references and views never travel: their bytes mean nothing elsewhere.
#include "mpl/byte_io.hpp"

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
    // resize within the capacity does not allocate (assign costs twice as much)
    if (const std::byte* bytes = in.take_here(size)) {
      s.resize(size);
      std::memcpy(s.data(), bytes, size);
      return;
    }
    if (size > in.remaining()) throw std::runtime_error("mpl::codec: string longer than its item");
    s.resize(size);
    in.read(s.data(), size);
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

namespace detail {
// Types encoded as their length (8 bytes) then their elements' bytes as they lie in
// memory: a big one is copied into a ring's chunks straight from its storage.
template <class T> inline constexpr bool length_then_bytes = false;
template <> inline constexpr bool length_then_bytes<std::string> = true;
template <class E, class A>
inline constexpr bool length_then_bytes<std::vector<E, A>> =
    std::is_trivially_copyable_v<E> && !has_user_codec<E> && !std::is_same_v<E, bool>;
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
