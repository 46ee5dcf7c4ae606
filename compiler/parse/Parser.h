// The parse layer: MPL source → MPL's AST. ANTLR stays behind this header.
#pragma once

#include "ast/AST.h"
#include "diag/Diagnostics.h"

#include <memory>

namespace mpl {

/// Parses the buffer `bufferId` of the diagnostics' SourceMgr. Lexical and syntax
/// errors are reported through `diags`; on any error the result is null.
std::unique_ptr<ast::File> parseFile(unsigned bufferId, Diagnostics &diags);

}  // namespace mpl
