// The static checks of spec §6, run over a parsed file before code generation.
#pragma once

#include "ast/AST.h"
#include "diag/Diagnostics.h"

namespace mpl {

/// Reports every problem in `file` through `diags`; true when there is no error
/// (warnings allowed).
bool checkFile(const ast::File &file, Diagnostics &diags);

}  // namespace mpl
