// The pipeline as a graph: which stages write and read each queue. Built from an AST
// whose names may not all resolve (unknown names are skipped; the checks report them).
#pragma once

#include "ast/AST.h"

#include <llvm/ADT/StringMap.h>

#include <optional>
#include <vector>

namespace mpl {

struct QueueEndpoint {
  const ast::StageDecl *stage;
  const ast::Name *reference;  // where the stage header names the queue
};

struct QueueTopology {
  const ast::QueueDecl *decl = nullptr;
  std::vector<QueueEndpoint> writers;
  std::vector<QueueEndpoint> readers;
};

struct Topology {
  llvm::StringMap<QueueTopology> queues;  // keyed by queue name

  const QueueTopology *find(llvm::StringRef queue) const {
    auto it = queues.find(queue);
    return it == queues.end() ? nullptr : &it->second;
  }
};

Topology buildTopology(const ast::File &file);

/// How many processes a stage runs as, when the file says so with a literal;
/// none for a param-sized stage or a pool with one worker per CPU.
std::optional<std::int64_t> literalReplicas(const ast::StageDecl &stage);

/// A pool's ordering after defaults (docs/language.md, "Stages and pools"): `ordered` where the pool has exactly one
/// output that no other stage writes, unless the file says otherwise.
ast::Ordering effectiveOrdering(const ast::StageDecl &pool, const Topology &topology);

/// The `retry N` of a pool, 0 when absent.
std::int64_t retryCount(const ast::StageDecl &stage);

}  // namespace mpl
