// The static checks (docs/language.md, "Static checks"; each in docs/diagnostics.md), run over a parsed file before code generation.
#pragma once

#include "ast/AST.h"
#include "diag/Diagnostics.h"

#include <string>

namespace mpl {

/// Reports every problem in `file` through `diags`; true when there is no error
/// (warnings allowed).
bool checkFile(const ast::File &file, Diagnostics &diags);

/// Reports emit( in the body of a stage with no output queue or several (the first
/// one per stage), which the C++ compiler would reject.
void checkBodies(const ast::File &file, Diagnostics &diags);

/// What to write instead of emit() in a stage with no output or several: the message
/// of checkBodies and of the generated code's static_assert.
std::string emitAdvice(const ast::StageDecl &stage);

}  // namespace mpl
