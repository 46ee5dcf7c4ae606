#pragma once
// shared<T> (multiprocessing.Value) and shared_array<T, N> (multiprocessing.Array).
//
// Generated code declares them as globals. The storage is anonymous MAP_SHARED memory,
// the same bytes in every process, mapped when the run starts rather than by the
// constructor (shared_objects.hpp): `--help` maps nothing, and memory the machine
// cannot give is a one-line error before anything starts. Integral elements have
// atomic operations; every value and array has lock(), a guard on a process-shared
// robust mutex.
#include "mpl/robust_mutex.hpp"
#include "mpl/shared_objects.hpp"

#include <array>
#include <atomic>
#include <cstddef>
#include <functional>
#include <new>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace mpl {

namespace detail {
template <class Value> struct locked_storage {
  robust_mutex mutex;
  alignas(std::atomic_ref<Value>::required_alignment) Value value;
};

// One locked_storage, mapped when the run starts; it lives as long as the program.
template <class Value> class deferred_storage final : public deferred_shared {
  static_assert(std::is_trivially_copyable_v<Value>,
                "a shared value lives in memory shared by processes, so its type must be "
                "trivially copyable (no pointers into one process's heap, e.g. no std::string)");

public:
  // `init` constructs the initial value in place; none: value-initialised.
  deferred_storage(std::string description, std::function<void(Value*)> init)
      : deferred_shared(sizeof(locked_storage<Value>), std::move(description)), init_(std::move(init)) {}
  locked_storage<Value>& get() { return *static_cast<locked_storage<Value>*>(memory()); }

private:
  void construct(void* memory) override {
    auto* storage = static_cast<locked_storage<Value>*>(memory);
    storage->mutex.init();
    if (init_) init_(&storage->value);
    // The mapping is zeroed, which is what value-initialising a trivial type writes:
    // writing it again would touch every page of a huge array at start-up.
    else if constexpr (!std::is_trivially_default_constructible_v<Value>) new (&storage->value) Value();
    init_ = nullptr;
  }
  std::function<void(Value*)> init_;
};

template <class T> std::string describe_shared(const char* name, std::size_t count = 0) {
  if (name) return std::string("shared '") + name + "'";
  std::string type = readable_type_name(typeid(T).name());
  return count ? "shared " + type + "[" + std::to_string(count) + "]" : "shared " + type;
}

// Atomic operations on one arithmetic element in shared memory: load, store, fetch_add,
// +=, -= for integers and floating point (std::atomic_ref), ++ and -- for integers.
template <class T> class atomic_element {
public:
  explicit atomic_element(T& element) : ref_(element) {}
  T load() const { return ref_.load(); }
  void store(T value) { ref_.store(value); }
  atomic_element& operator=(T value) {
    store(value);
    return *this;
  }
  T fetch_add(T delta) { return ref_.fetch_add(delta); }
  T fetch_sub(T delta) { return ref_.fetch_sub(delta); }
  T operator+=(T delta) { return ref_.fetch_add(delta) + delta; }
  T operator-=(T delta) { return ref_.fetch_sub(delta) - delta; }
  T operator++() requires std::is_integral_v<T> { return ref_.fetch_add(1) + 1; }
  T operator--() requires std::is_integral_v<T> { return ref_.fetch_sub(1) - 1; }
  T operator++(int) requires std::is_integral_v<T> { return ref_.fetch_add(1); }
  T operator--(int) requires std::is_integral_v<T> { return ref_.fetch_sub(1); }
  operator T() const { return load(); }  // NOLINT: reads like the value it names

private:
  std::atomic_ref<T> ref_;
};
template <class T>
concept atomic_arithmetic = std::is_integral_v<T> || std::is_floating_point_v<T>;
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

// Names a shared value or array in messages: mpl::shared<long> hits{mpl::shared_name{"hits"}, 5}.
struct shared_name {
  const char* text;
};

template <class T> class shared {
public:
  shared() : storage_(detail::describe_shared<T>(nullptr), {}) {}
  template <class Init>
  explicit shared(Init&& init)
      : storage_(detail::describe_shared<T>(nullptr), initialiser(std::forward<Init>(init))) {}
  explicit shared(shared_name name) : storage_(detail::describe_shared<T>(name.text), {}) {}
  template <class Init>
  shared(shared_name name, Init&& init)
      : storage_(detail::describe_shared<T>(name.text), initialiser(std::forward<Init>(init))) {}
  shared(const shared&) = delete;
  shared& operator=(const shared&) = delete;

  lock_guard<T> lock() { return lock_guard<T>(storage()); }

  // Integers and floating point: atomic; any other T: under the lock.
  T load() const {
    if constexpr (detail::atomic_arithmetic<T>) return element().load();
    else return *lock_guard<T>(storage());
  }
  void store(T value) {
    if constexpr (detail::atomic_arithmetic<T>) element().store(value);
    else *lock_guard<T>(storage()) = value;
  }
  T fetch_add(T delta) requires detail::atomic_arithmetic<T> { return element().fetch_add(delta); }
  T fetch_sub(T delta) requires detail::atomic_arithmetic<T> { return element().fetch_sub(delta); }
  T operator+=(T delta) requires detail::atomic_arithmetic<T> { return element() += delta; }
  T operator-=(T delta) requires detail::atomic_arithmetic<T> { return element() -= delta; }
  T operator++() requires std::is_integral_v<T> { return ++element(); }
  T operator--() requires std::is_integral_v<T> { return --element(); }
  T operator++(int) requires std::is_integral_v<T> { return element()++; }
  T operator--(int) requires std::is_integral_v<T> { return element()--; }

private:
  template <class Init> static std::function<void(T*)> initialiser(Init&& init) {
    return [value = std::decay_t<Init>(std::forward<Init>(init))](T* at) { new (at) T(value); };
  }
  detail::locked_storage<T>& storage() const { return storage_.get(); }
  detail::atomic_element<T> element() const { return detail::atomic_element<T>(storage().value); }
  mutable detail::deferred_storage<T> storage_;
};

template <class T, std::size_t N> class shared_array {
  using values = std::array<T, N>;

public:
  shared_array() : storage_(detail::describe_shared<T>(nullptr, N), {}) {}  // zero-initialised
  explicit shared_array(shared_name name) : storage_(detail::describe_shared<T>(name.text, N), {}) {}
  shared_array(const shared_array&) = delete;
  shared_array& operator=(const shared_array&) = delete;

  // Integers and floating point: a[i] = v, a[i] += d, a[i].load(), ++hist[i] are atomic.
  detail::atomic_element<T> operator[](std::size_t i) requires detail::atomic_arithmetic<T> {
    return detail::atomic_element<T>(storage().value[i]);
  }
  // Any other element type (a struct, bool): a[i] = v and T v = a[i] each take the
  // array's lock; to change a member, or to read several elements together, hold it:
  // auto g = a.lock(); g[i].x = 3;
  class element {
  public:
    element(detail::locked_storage<values>& storage, std::size_t i) : storage_(storage), i_(i) {}
    T load() const { return lock_guard<values>(storage_)[i_]; }
    void store(const T& value) {
      lock_guard<values> guard(storage_);
      guard[i_] = value;
    }
    element& operator=(const T& value) {
      store(value);
      return *this;
    }
    operator T() const { return load(); }  // NOLINT: reads like the value it names
    template <class U = T> void operator->() const {
      static_assert(sizeof(U) == 0, "a member of a shared array element is reached under the array's "
                                    "lock: auto guard = array.lock(); guard[i].member = …");
    }

  private:
    detail::locked_storage<values>& storage_;
    std::size_t i_;
  };
  element operator[](std::size_t i) requires(!detail::atomic_arithmetic<T>) { return element(storage(), i); }
  T load(std::size_t i) const {
    if constexpr (detail::atomic_arithmetic<T>) return detail::atomic_element<T>(storage().value[i]).load();
    else return lock_guard<values>(storage())[i];
  }
  void store(std::size_t i, const T& value) { (*this)[i] = value; }
  lock_guard<values> lock() { return lock_guard<values>(storage()); }
  static constexpr std::size_t size() { return N; }

private:
  detail::locked_storage<values>& storage() const { return storage_.get(); }
  mutable detail::deferred_storage<values> storage_;
};

}  // namespace mpl
