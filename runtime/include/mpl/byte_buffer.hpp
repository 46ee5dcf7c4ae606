#pragma once
// A growable byte buffer whose growth leaves new bytes uninitialised: encoding appends
// a few hundred bytes per item, and std::vector<std::byte> would zero every one of them
// before they are overwritten.
#include <cstddef>
#include <cstring>
#include <memory>

namespace mpl {

class byte_buffer {
public:
  byte_buffer() = default;
  byte_buffer(const byte_buffer&) = delete;
  byte_buffer& operator=(const byte_buffer&) = delete;

  std::byte* data() { return bytes_.get(); }
  const std::byte* data() const { return bytes_.get(); }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }

  void reserve(std::size_t capacity) {
    if (capacity <= capacity_) return;
    auto grown = std::make_unique_for_overwrite<std::byte[]>(capacity);
    if (size_) std::memcpy(grown.get(), bytes_.get(), size_);
    bytes_ = std::move(grown);
    capacity_ = capacity;
  }
  // Appends `count` bytes (the caller's `data` may be null only when count is 0).
  void append(const void* data, std::size_t count) {
    if (count == 0) return;
    if (capacity_ - size_ < count) reserve(grown_capacity(size_ + count));
    std::memcpy(bytes_.get() + size_, data, count);
    size_ += count;
  }

private:
  std::size_t grown_capacity(std::size_t needed) const {
    std::size_t doubled = capacity_ * 2;
    return doubled > needed ? doubled : (needed < 256 ? 256 : needed);
  }
  std::unique_ptr<std::byte[]> bytes_;
  std::size_t size_ = 0, capacity_ = 0;
};

}  // namespace mpl
