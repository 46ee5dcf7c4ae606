// Whole-graph checks (docs/language.md, "Static checks"; docs/diagnostics.md): every queue both written and read, pipes with one
// writer and one reader process, ordered pools owning their output, no cycles.
#include "check/Symbols.h"
#include "check/Topology.h"

#include <llvm/ADT/DenseMap.h>

#include <string>

namespace mpl {
namespace {

std::string processCount(const ast::StageDecl &stage) {
  auto replicas = literalReplicas(stage);
  if (!replicas) return stage.replicas ? "a param-sized number of processes"
                                       : "one worker per CPU";
  return *replicas == 1 ? "1 process" : std::to_string(*replicas) + " processes";
}

void checkQueueUse(const QueueTopology &queue, Diagnostics &diags) {
  const ast::QueueDecl &decl = *queue.decl;
  const char *kind = decl.isPipe ? "pipe" : "queue";
  if (queue.writers.empty() && queue.readers.empty()) {
    diags.warning(decl.name.loc(), llvm::Twine(kind) + " '" + decl.name.text +
                                       "' is declared but no stage uses it",
                  {decl.name.range});
    return;
  }
  if (queue.readers.empty()) {
    const QueueEndpoint &writer = queue.writers.front();
    diags.error(decl.name.loc(), llvm::Twine(kind) + " '" + decl.name.text + "' is written by '" +
                                     writer.stage->name.text + "' but no stage reads it",
                {decl.name.range});
    diags.note(writer.reference->loc(), "written here");
  }
  if (queue.writers.empty()) {
    const QueueEndpoint &reader = queue.readers.front();
    diags.error(decl.name.loc(), llvm::Twine(kind) + " '" + decl.name.text + "' is read by '" +
                                     reader.stage->name.text + "' but no stage writes it",
                {decl.name.range});
    diags.note(reader.reference->loc(), "read here");
  }
}

// A pipe joins exactly one writing process to one reading process, replicas counted.
void checkPipeEnds(const QueueTopology &pipe, const std::vector<QueueEndpoint> &ends,
                   const char *role, const char *verb, Diagnostics &diags) {
  bool single = ends.size() == 1 && literalReplicas(*ends.front().stage) == 1;
  if (ends.empty() || single) return;
  const QueueEndpoint &end = ends.size() > 1 ? ends[1] : ends.front();
  std::string why = ends.size() > 1
                        ? std::to_string(ends.size()) + " stages " + verb + " it"
                        : "'" + end.stage->name.text + "' runs as " + processCount(*end.stage);
  diags.error(end.reference->loc(), "pipe '" + pipe.decl->name.text + "' needs exactly one " +
                                        role + " process, but " + why +
                                        "; declare it as a queue for many " + role + "s",
              {end.reference->range});
  if (ends.size() > 1)
    diags.note(ends.front().reference->loc(),
               "'" + ends.front().stage->name.text + "' also " + verb + "s it here");
  diags.note(pipe.decl->name.loc(), "pipe '" + pipe.decl->name.text + "' is declared here");
}

void checkOrderedPool(const ast::StageDecl &pool, const Topology &topology, Diagnostics &diags) {
  const ast::StageOption *ordered = nullptr;
  for (const auto &option : pool.options)
    if (option.kind == ast::StageOption::Kind::Ordered) ordered = &option;
  if (!ordered) return;
  if (pool.outputs.size() != 1) {
    diags.error(ordered->range.Start,
                "ordered pool '" + pool.name.text + "' must have exactly one output, but it has " +
                    std::to_string(pool.outputs.size()) + "; use 'unordered'",
                {ordered->range});
    return;
  }
  const QueueTopology *output = topology.find(pool.outputs.front().text);
  if (!output) return;
  for (const auto &writer : output->writers) {
    if (writer.stage == &pool) continue;
    diags.error(ordered->range.Start,
                "ordered pool '" + pool.name.text + "' must be the only writer of '" +
                    output->decl->name.text + "', but '" + writer.stage->name.text +
                    "' writes it too; use 'unordered'",
                {ordered->range});
    diags.note(writer.reference->loc(), "other writer is here");
    return;
  }
}

/// Depth-first search over stage → queue → stage edges; reports the first cycle.
/// Iterative, with its own stack: a generated file may chain 100,000 stages, and one
/// recursion per stage overflowed the call stack.
class CycleFinder {
public:
  CycleFinder(const ast::File &file, const Topology &topology, Diagnostics &diags)
      : file_(file), topology_(topology), diags_(diags) {}

  void run() {
    for (const auto &stage : file_.stages)
      if (state_.lookup(stage.get()) == Unvisited && visit(*stage)) return;
  }

private:
  enum State { Unvisited, OnPath, Done };
  /// A stage on the current path, and how far its outputs' readers have been followed.
  struct Frame {
    const ast::StageDecl *stage;
    size_t output = 0, reader = 0;
  };

  bool visit(const ast::StageDecl &root) {
    std::vector<Frame> path{{&root}};
    state_[&root] = OnPath;
    while (!path.empty()) {
      Frame &frame = path.back();
      const auto &outputs = frame.stage->outputs;
      if (frame.output == outputs.size()) {
        state_[frame.stage] = Done;
        path.pop_back();
        continue;
      }
      const QueueTopology *queue = topology_.find(outputs[frame.output].text);
      if (!queue || frame.reader == queue->readers.size()) {
        ++frame.output, frame.reader = 0;
        continue;
      }
      const ast::StageDecl *next = queue->readers[frame.reader++].stage;
      State state = state_.lookup(next);
      if (state == OnPath) return report(*next, path), true;
      if (state == Unvisited) {
        state_[next] = OnPath;
        path.push_back({next});
      }
    }
    return false;
  }

  void report(const ast::StageDecl &start, const std::vector<Frame> &path) {
    size_t first = 0;
    while (path[first].stage != &start) ++first;
    std::string cycle;
    for (size_t i = first; i < path.size(); ++i)
      cycle += path[i].stage->name.text + " -> " + path[i].stage->outputs[path[i].output].text + " -> ";
    cycle += start.name.text;
    diags_.error(start.name.loc(), "the pipeline has a cycle: " + cycle +
                                       "; MPL v1 pipelines must be acyclic",
                 {start.name.range});
  }

  const ast::File &file_;
  const Topology &topology_;
  Diagnostics &diags_;
  llvm::DenseMap<const ast::StageDecl *, State> state_;
};

}  // namespace

void checkGraph(const ast::File &file, Diagnostics &diags) {
  Topology topology = buildTopology(file);
  for (const auto &decl : file.queues) {
    const QueueTopology &queue = *topology.find(decl->name.text);
    checkQueueUse(queue, diags);
    if (decl->isPipe) {
      checkPipeEnds(queue, queue.writers, "writer", "write", diags);
      checkPipeEnds(queue, queue.readers, "reader", "read", diags);
    }
  }
  for (const auto &stage : file.stages)
    if (stage->isPool) checkOrderedPool(*stage, topology, diags);
  CycleFinder(file, topology, diags).run();
}

}  // namespace mpl
