#pragma once
// What one stage process gets from the runtime: its endpoints, index and replica count.
#include "mpl/endpoint.hpp"
#include "mpl/pool.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace mpl {

namespace detail {
struct context_access;  // the runtime fills a context in each child
}

class context {
public:
  // Position among the stage's inputs / outputs, in the order of the stage header.
  template <class T> mpl::input<T>& input(int position) {
    return endpoint<mpl::input<T>>(inputs_, position, "input");
  }
  template <class T> mpl::output<T>& output(int position) {
    return endpoint<mpl::output<T>>(outputs_, position, "output");
  }
  int index() const { return index_; }
  int replicas() const { return replicas_; }
  std::string_view stage_name() const { return stage_name_; }

  // Runs a per-item body over the stage's input until it ends (a managed pool: through
  // the pool driver, with ordering and retry).
  template <class T, class Body> void for_each_item(Body&& body) {
    if (pool_) {
      std::vector<detail::output_base*> outputs;
      for (auto& output : outputs_) outputs.push_back(static_cast<detail::output_base*>(output.get()));
      pool_->run<T>(outputs, body);
      return;
    }
    mpl::input<T>& items = input<T>(0);
    while (std::optional<T> item = items.pop()) {
      // Marks the item as held, so that a process that exits inside the body is
      // reported as losing it (the supervisor reads the mark after the exit).
      holding_->store(items.last_position() + 2, std::memory_order_relaxed);  // 1: position unknown
      body(*item);
      holding_->store(0, std::memory_order_relaxed);
    }
  }

  // Closes every output (the body returned, or ended quietly on a broken queue).
  void close_outputs() {
    for (auto& output : outputs_) static_cast<detail::output_base*>(output.get())->close();
  }
  // This process reads its inputs no more: a queue whose readers have all finished is
  // broken, and its producers end at their next push.
  void finish_reading() {
    for (const auto& link : reading_) link.queue->reader_finished(link.slot);
  }

private:
  friend struct detail::context_access;
  template <class Endpoint>
  Endpoint& endpoint(std::vector<std::unique_ptr<detail::endpoint_base>>& list, int position,
                     const char* what) {
    if (position < 0 || static_cast<std::size_t>(position) >= list.size() || !list[position])
      throw std::logic_error(fmt::format("stage '{}' has no {} at position {}", stage_name_, what, position));
    auto* typed = dynamic_cast<Endpoint*>(list[position].get());
    if (!typed)
      throw std::logic_error(fmt::format("stage '{}': {} {} has another item type", stage_name_, what, position));
    return *typed;
  }

  std::string stage_name_;
  int index_ = 0;
  int replicas_ = 1;
  std::vector<std::unique_ptr<detail::endpoint_base>> inputs_;
  std::vector<std::unique_ptr<detail::endpoint_base>> outputs_;
  std::unique_ptr<detail::pool_worker> pool_;
  struct reader_link {
    const queue_view* queue;  // lives in the run plan, which outlives every context
    std::uint32_t slot;
  };
  std::vector<reader_link> reading_;
  std::atomic<std::uint64_t>* holding_ = nullptr;
};

// Base of every generated stage body.
struct stage_body {
  explicit stage_body(context& ctx) : index(ctx.index()), replicas(ctx.replicas()) {}
  const int index;     // this process's replica number, 0 … replicas-1
  const int replicas;  // replica count of this stage
};

}  // namespace mpl
