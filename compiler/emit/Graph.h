// --graph: the pipeline as a Graphviz DOT digraph.
#pragma once

#include "ast/AST.h"

#include <llvm/Support/raw_ostream.h>

namespace mpl {

/// Stages are boxes labelled with their replica count, pools are boxes of another
/// colour and shape, queues and pipes are nodes labelled with type and capacity.
void emitGraph(const ast::File &file, llvm::raw_ostream &out);

}  // namespace mpl
