// The run's shared memory, sized before anything is mapped: the queues and control
// blocks (one mapping, laid out by make_plan) and the shared objects not mapped yet
// (shared_objects.hpp). A mapping the machine refuses is one line naming the largest
// users and the size asked, and the run does not start (status 2).
#include "run_memory.hpp"

#include "mpl/shared_objects.hpp"

#include <algorithm>
#include <cstring>
#include <system_error>

namespace mpl::detail {

namespace {
struct memory_user {
  std::string what;
  std::size_t bytes;
};

std::string size_text(std::size_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 6) value /= 1024, ++unit;
  return unit == 0 ? fmt::format("{} bytes", bytes) : fmt::format("{:.3g} {}", value, units[unit]);
}

std::string refusal(std::vector<memory_user> users, std::size_t total, int error) {
  std::sort(users.begin(), users.end(), [](const auto& a, const auto& b) { return a.bytes > b.bytes; });
  std::vector<std::string> largest;
  for (std::size_t i = 0; i < users.size() && i < 3 && users[i].bytes >= total / 100; ++i)
    largest.push_back(fmt::format("{} ({})", users[i].what, size_text(users[i].bytes)));
  return fmt::format("cannot map {} of shared memory for this run ({}); largest: {}", size_text(total),
                     std::strerror(error), fmt::join(largest, ", "));
}
}  // namespace

std::optional<std::string> map_run_memory(const program_decl&, run_plan& plan,
                                          std::size_t plan_bytes) {
  std::vector<memory_user> users;
  for (std::size_t q = 0; q < plan.queues.size(); ++q) {
    const queue_view& queue = plan.queues[q];
    users.push_back({fmt::format("queue '{}' of {} slots of {} bytes", queue.name,
                                 queue.slot_count, queue.stride),
                     queue.slot_count * queue.stride});
  }
  std::vector<deferred_shared*> pending = pending_shared_objects();
  std::size_t shared_bytes = 0;
  for (deferred_shared* object : pending) {
    users.push_back({object->description(), object->bytes()});
    shared_bytes += (object->bytes() + 63) / 64 * 64;
  }
  std::size_t total = plan_bytes + shared_bytes;
  // The shared objects first: they outlive the run (after{} and main read them).
  std::byte* objects = nullptr;
  try {
    if (shared_bytes) objects = static_cast<std::byte*>(map_shared(shared_bytes));
    plan.bytes = plan_bytes;
    plan.memory = map_shared(plan_bytes);
  } catch (const std::system_error& e) {
    if (objects) unmap_shared(objects, shared_bytes);
    return refusal(std::move(users), total, e.code().value());
  }
  for (deferred_shared* object : pending) {
    object->place(objects);
    objects += (object->bytes() + 63) / 64 * 64;
  }
  return std::nullopt;
}

}  // namespace mpl::detail
