// Code generation: a checked MPL file → one C++ translation unit that includes
// <mpl/mpl.hpp> and the user's includes and targets the runtime API of
// docs/runtime-api.md. Every C++ block is preceded by a #line directive that points at
// the .mpl file, so compiler errors and debuggers land there.
#pragma once

#include "ast/AST.h"

#include <llvm/Support/SourceMgr.h>

#include <string>

namespace mpl {

struct CodeGenOptions {
  /// The .mpl path as #line directives name it (as the user gave it to mplc).
  std::string sourcePath;
  /// The path of the generated file, for #line directives that return to it; empty
  /// when the output goes to standard output.
  std::string generatedPath;
};

/// Generates the C++ program for `file`, which must have passed checkFile.
/// `sources` is the SourceMgr the file was parsed from (for line numbers).
std::string generateCpp(const ast::File &file, const llvm::SourceMgr &sources,
                        const CodeGenOptions &options);

}  // namespace mpl
