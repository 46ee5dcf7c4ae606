#pragma once
// shared<T> (multiprocessing.Value) and shared_array<T, N> (multiprocessing.Array).
//
// Generated code declares them as globals, so their constructors run before main and
// before any fork: the storage is anonymous MAP_SHARED memory, the same bytes in every
// process. Integral elements have atomic operations; every value and array has lock(),
// a guard on a process-shared robust mutex.
#include "mpl/robust_mutex.hpp"
#include "mpl/shared_memory.hpp"

#include <array>
#include <atomic>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace mpl {

namespace detail {
template <class Value> struct locked_storage {
  robust_mutex mutex;
  alignas(std::atomic_ref<Value>::required_alignment) Value value;
};

// Maps and initialises one locked_storage; it lives as long as the program.
template <class Value, class... Init> locked_storage<Value>* make_locked_storage(Init&&... init) {
  static_assert(std::is_trivially_copyable_v<Value>,
                "a shared value lives in memory shared by processes, so its type must be "
                "trivially copyable (no pointers into one process's heap, e.g. no std::string)");
  void* memory = map_shared(sizeof(locked_storage<Value>));
  auto* storage = static_cast<locked_storage<Value>*>(memory);
  storage->mutex.init();
  new (&storage->value) Value(std::forward<Init>(init)...);
  return storage;
}

// Atomic operations on one integral element in shared memory.
template <class T> class atomic_element {
public:
  explicit atomic_element(T& element) : ref_(element) {}
  T load() const { return ref_.load(); }
  void store(T value) { ref_.store(value); }
  T fetch_add(T delta) { return ref_.fetch_add(delta); }
  T fetch_sub(T delta) { return ref_.fetch_sub(delta); }
  T operator+=(T delta) { return ref_.fetch_add(delta) + delta; }
  T operator-=(T delta) { return ref_.fetch_sub(delta) - delta; }
  T operator++() { return ref_.fetch_add(1) + 1; }
  T operator--() { return ref_.fetch_sub(1) - 1; }
  T operator++(int) { return ref_.fetch_add(1); }
  T operator--(int) { return ref_.fetch_sub(1); }
  operator T() const { return load(); }  // NOLINT: reads like the value it names

private:
  std::atomic_ref<T> ref_;
};
}  // namespace detail

// Holds the lock of a shared value or array; *guard and guard-> reach the value,
// guard[i] an array element.
template <class Value> class lock_guard {
public:
  explicit lock_guard(detail::locked_storage<Value>& storage)
      : storage_(&storage), recovered_(storage_->mutex.lock()) {}
  lock_guard(lock_guard&& other) noexcept
      : storage_(std::exchange(other.storage_, nullptr)), recovered_(other.recovered_) {}
  lock_guard& operator=(lock_guard&&) = delete;
  ~lock_guard() {
    if (storage_) storage_->mutex.unlock();
  }
  Value& operator*() const { return storage_->value; }
  Value* operator->() const { return &storage_->value; }
  decltype(auto) operator[](std::size_t i) const { return storage_->value[i]; }
  // True when the previous holder died holding the lock (the value may be half updated):
  // for the one guard that took the lock over from the dead holder, false for every
  // later one. Kept in the guard, not in the shared mutex, so no other process's or
  // later guard can see a recovery that was not its own.
  bool recovered_from_dead_owner() const { return recovered_; }

private:
  detail::locked_storage<Value>* storage_;
  bool recovered_;
};

template <class T> class shared {
public:
  shared() : storage_(detail::make_locked_storage<T>()) {}
  template <class Init>
  explicit shared(Init&& init) : storage_(detail::make_locked_storage<T>(std::forward<Init>(init))) {}
  shared(const shared&) = delete;
  shared& operator=(const shared&) = delete;

  lock_guard<T> lock() { return lock_guard<T>(*storage_); }

  // Integral T: atomic; any other T: under the lock.
  T load() const {
    if constexpr (std::is_integral_v<T>) return element().load();
    else return *lock_guard<T>(*storage_);
  }
  void store(T value) {
    if constexpr (std::is_integral_v<T>) element().store(value);
    else *lock_guard<T>(*storage_) = value;
  }
  T fetch_add(T delta) requires std::is_integral_v<T> { return element().fetch_add(delta); }
  T fetch_sub(T delta) requires std::is_integral_v<T> { return element().fetch_sub(delta); }
  T operator+=(T delta) requires std::is_integral_v<T> { return element() += delta; }
  T operator-=(T delta) requires std::is_integral_v<T> { return element() -= delta; }
  T operator++() requires std::is_integral_v<T> { return ++element(); }
  T operator--() requires std::is_integral_v<T> { return --element(); }
  T operator++(int) requires std::is_integral_v<T> { return element()++; }
  T operator--(int) requires std::is_integral_v<T> { return element()--; }

private:
  detail::atomic_element<T> element() const { return detail::atomic_element<T>(storage_->value); }
  detail::locked_storage<T>* storage_;
};

template <class T, std::size_t N> class shared_array {
  using values = std::array<T, N>;

public:
  shared_array() : storage_(detail::make_locked_storage<values>()) {}  // zero-initialised
  shared_array(const shared_array&) = delete;
  shared_array& operator=(const shared_array&) = delete;

  // Integral T: hist[i] += 1, hist[i].load(), ++hist[i] are atomic.
  detail::atomic_element<T> operator[](std::size_t i) requires std::is_integral_v<T> {
    return detail::atomic_element<T>(storage_->value[i]);
  }
  T load(std::size_t i) const {
    if constexpr (std::is_integral_v<T>) return detail::atomic_element<T>(storage_->value[i]).load();
    else return lock_guard<values>(*storage_)[i];
  }
  lock_guard<values> lock() { return lock_guard<values>(*storage_); }
  static constexpr std::size_t size() { return N; }

private:
  detail::locked_storage<values>* storage_;
};

}  // namespace mpl
