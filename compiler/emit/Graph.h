// --graph: the pipeline as a Graphviz DOT digraph.
#pragma once

#include "ast/AST.h"
#include "emit/GraphStats.h"

#include <llvm/Support/raw_ostream.h>

namespace mpl {

/// Stages are boxes labelled with their replica count, pools are boxes of another
/// colour and shape, queues and pipes are nodes labelled with type and capacity.
/// With a run's stats: items and rates on the edges, busy share on the stages, the
/// queues' high water, and the bottleneck stage drawn in red.
void emitGraph(const ast::File &file, llvm::raw_ostream &out, const GraphStats *stats = nullptr);

}  // namespace mpl
