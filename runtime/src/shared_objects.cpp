#include "mpl/shared_objects.hpp"

#include "mpl/shared_memory.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cxxabi.h>
#include <memory>
#include <pthread.h>
#include <unistd.h>

namespace mpl::detail {

namespace {
// Function-local: shared globals of other translation units register before any
// namespace-scope object of this one is guaranteed to exist.
std::vector<deferred_shared*>& registry() {
  static std::vector<deferred_shared*> objects;
  return objects;
}

std::size_t round_up(std::size_t bytes) { return (bytes + 63) / 64 * 64; }

// Before any fork: children must share one copy, not map one each on first use. A run
// has mapped them already (make_plan); this covers fork() outside a run.
void place_before_fork() {
  std::vector<deferred_shared*> pending = pending_shared_objects();
  for (deferred_shared* object : pending) {
    try {
      object->memory();
    } catch (const std::exception& e) {
      std::string line = std::string("error: ") + object->description() + ": " + e.what() + "\n";
      ssize_t ignored = write(STDERR_FILENO, line.data(), line.size());
      (void)ignored;
      _exit(2);
    }
  }
}
}  // namespace

deferred_shared::deferred_shared(std::size_t bytes, std::string description)
    : bytes_(bytes), description_(std::move(description)) {
  static const bool hooked = pthread_atfork(place_before_fork, nullptr, nullptr) == 0;
  (void)hooked;
  registry().push_back(this);
}

deferred_shared::~deferred_shared() {
  auto& objects = registry();
  objects.erase(std::remove(objects.begin(), objects.end(), this), objects.end());
}

void deferred_shared::place(void* memory) {
  construct(memory);
  memory_ = memory;
}

void deferred_shared::place_alone() { place(map_shared(round_up(bytes_))); }

std::vector<deferred_shared*> pending_shared_objects() {
  std::vector<deferred_shared*> pending;
  for (deferred_shared* object : registry())
    if (!object->placed()) pending.push_back(object);
  return pending;
}

std::string readable_type_name(const char* mangled) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(mangled, nullptr, nullptr, &status),
                                              std::free);
  return status == 0 && name ? std::string(name.get()) : std::string(mangled);
}

}  // namespace mpl::detail
