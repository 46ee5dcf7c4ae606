#pragma once
// Where codecs write an item's bytes and read them back (see docs/codec.md): a growable
// buffer or one fixed region (a free ring slot); the reader also reads a chain of regions
// (the chunks of a big item, straight out of the ring, without a copy through a buffer).
#include "mpl/byte_buffer.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <stdexcept>

namespace mpl {

// Hands a byte_reader the next region of the item (ring_reader): its bytes, at most how
// many bytes follow it (`later`), or null after the item's last region.
class region_source {
public:
  virtual const std::byte* next_region(std::size_t& bytes, std::size_t& later) = 0;

protected:
  ~region_source() = default;
};

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

// Reads an item's bytes back, from one range or region after region; throws
// std::runtime_error when the item ends early (encode and decode disagree).
class byte_reader {
public:
  byte_reader(const std::byte* data, std::size_t bytes) : next_(data), end_(data + bytes) {}
  byte_reader(region_source& source, const std::byte* data, std::size_t bytes, std::size_t later)
      : next_(data), end_(data + bytes), later_(later), source_(&source) {}
  void read(void* out, std::size_t bytes) {
    if (static_cast<std::size_t>(end_ - next_) >= bytes) [[likely]] {
      if (bytes) std::memcpy(out, next_, bytes);
      next_ += bytes;
      return;
    }
    read_across(static_cast<std::byte*>(out), bytes);
  }
  template <class T> T read_raw() {
    T value;
    read(&value, sizeof value);
    return value;
  }
  // The next `bytes` bytes where they are, if they are all in the current region (then
  // valid until the next read); null otherwise, and nothing is read.
  const std::byte* take_here(std::size_t bytes) {
    if (static_cast<std::size_t>(end_ - next_) < bytes) return nullptr;
    const std::byte* at = next_;
    next_ += bytes;
    return at;
  }
  // At most this many bytes are left (exactly, for one range): decoders check a length
  // they read against it before they allocate.
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - next_) + later_; }

private:
  [[gnu::noinline]] void read_across(std::byte* out, std::size_t bytes) {
    for (;;) {
      std::size_t piece = std::min(bytes, static_cast<std::size_t>(end_ - next_));
      if (piece) std::memcpy(out, next_, piece);
      next_ += piece;
      out += piece;
      bytes -= piece;
      if (bytes == 0) return;
      std::size_t size = 0;
      const std::byte* region = source_ ? source_->next_region(size, later_) : nullptr;
      if (region == nullptr) {
        end_ = next_;
        later_ = 0;
        throw std::runtime_error("mpl::codec: item bytes end early (encode and decode disagree)");
      }
      next_ = region;
      end_ = region + size;
    }
  }
  const std::byte* next_;
  const std::byte* end_;
  std::size_t later_ = 0;
  region_source* source_ = nullptr;
};

}  // namespace mpl
