#pragma once
// Deferred storage of shared<T>/shared_array<T, N> globals (internal).
//
// Their constructors run before main: mapping there meant that `--help`, or any error
// on the command line, first mapped every shared array — and that a `long[2^33]` ended
// in `terminate called … Cannot allocate memory` (134) before main could say anything.
// A constructor now only registers the object; the run maps all of them, sized
// together with the queues, before anything starts (make_plan, run_memory.cpp), and
// reports a mapping that fails. They are also mapped before any fork (pthread_atfork),
// so a process forked outside a run still shares them, and on first use.
#include <cstddef>
#include <string>
#include <vector>

namespace mpl::detail {

class deferred_shared {
public:
  deferred_shared(std::size_t bytes, std::string description);
  deferred_shared(const deferred_shared&) = delete;
  deferred_shared& operator=(const deferred_shared&) = delete;

  std::size_t bytes() const { return bytes_; }
  const std::string& description() const { return description_; }
  bool placed() const { return memory_ != nullptr; }
  // The storage, mapped now if it is not yet.
  void* memory() {
    if (!memory_) [[unlikely]] place_alone();
    return memory_;
  }
  // Constructs the object at `memory` (zeroed shared memory of bytes()).
  void place(void* memory);

protected:
  ~deferred_shared();
  virtual void construct(void* memory) = 0;

private:
  void place_alone();  // its own mapping; throws std::system_error
  std::size_t bytes_;
  std::string description_;
  void* memory_ = nullptr;
};

// Registered objects not mapped yet, in declaration order.
std::vector<deferred_shared*> pending_shared_objects();
// "long", "std::array<int, 4ul>": for messages.
std::string readable_type_name(const char* mangled);

}  // namespace mpl::detail
