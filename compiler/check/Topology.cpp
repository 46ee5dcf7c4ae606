#include "check/Topology.h"

namespace mpl {

Topology buildTopology(const ast::File &file) {
  Topology topology;
  for (const auto &queue : file.queues) topology.queues[queue->name.text].decl = queue.get();
  for (const auto &stage : file.stages) {
    for (const auto &input : stage->inputs) {
      auto it = topology.queues.find(input.queue.text);
      if (it != topology.queues.end()) it->second.readers.push_back({stage.get(), &input.queue});
    }
    for (const auto &output : stage->outputs) {
      auto it = topology.queues.find(output.text);
      if (it != topology.queues.end()) it->second.writers.push_back({stage.get(), &output});
    }
  }
  return topology;
}

std::optional<std::int64_t> literalReplicas(const ast::StageDecl &stage) {
  if (!stage.replicas) {
    if (stage.isPool) return std::nullopt;
    return 1;
  }
  if (stage.replicas->isLiteral()) return stage.replicas->literal();
  return std::nullopt;
}

ast::Ordering effectiveOrdering(const ast::StageDecl &pool, const Topology &topology) {
  for (const auto &option : pool.options) {
    if (option.kind == ast::StageOption::Kind::Ordered) return ast::Ordering::Ordered;
    if (option.kind == ast::StageOption::Kind::Unordered) return ast::Ordering::Unordered;
  }
  if (pool.outputs.size() != 1) return ast::Ordering::Unordered;
  const QueueTopology *output = topology.find(pool.outputs.front().text);
  if (!output || output->writers.size() != 1) return ast::Ordering::Unordered;
  return ast::Ordering::Ordered;
}

std::int64_t retryCount(const ast::StageDecl &stage) {
  for (const auto &option : stage.options)
    if (option.kind == ast::StageOption::Kind::Retry) return option.retries;
  return 0;
}

}  // namespace mpl
