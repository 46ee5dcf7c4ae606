#pragma once
// Anonymous MAP_SHARED memory: created before any fork, so it sits at the same address
// in every process and pointers into it are valid everywhere; it has no name, so
// nothing can be left behind in /dev/shm. The kernel frees it with the last process.
#include <cstddef>
#include <new>

namespace mpl {

// Maps `bytes` (rounded up to pages) of zeroed shared memory; throws std::system_error.
void* map_shared(std::size_t bytes);
void unmap_shared(void* memory, std::size_t bytes);

// Carves one mapping into aligned pieces: first measure (base == nullptr), then place.
class shared_arena {
public:
  explicit shared_arena(std::byte* base = nullptr) : base_(base) {}

  // Returns the piece's address (nullptr while measuring).
  std::byte* take(std::size_t bytes, std::size_t alignment = 64) {
    used_ = (used_ + alignment - 1) / alignment * alignment;
    std::byte* piece = base_ ? base_ + used_ : nullptr;
    used_ += bytes;
    return piece;
  }
  template <class T> T* make(std::size_t count = 1) {
    std::byte* piece = take(sizeof(T) * count, alignof(T) < 64 ? 64 : alignof(T));
    if (!piece) return nullptr;
    T* first = reinterpret_cast<T*>(piece);
    for (std::size_t i = 0; i < count; ++i) new (first + i) T();
    return first;
  }
  std::size_t used() const { return used_; }

private:
  std::byte* base_;
  std::size_t used_ = 0;
};

}  // namespace mpl
