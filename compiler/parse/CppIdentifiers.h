// The names a C++ block uses, found the way MPL's lexer reads a block
// (grammar/MPLLexer.g4, scanCppBlock): string, character and raw string literals,
// comments and numbers (1'000) are skipped. A name after `.`, `->` or `x::` is a
// member or a qualified name, never one of the file's declarations, so it is left out:
// `r.count` does not use param `count`.
#pragma once

#include <llvm/ADT/StringRef.h>

#include <cstddef>
#include <vector>

namespace mpl {

struct CppIdentifier {
  std::size_t offset;  // within the scanned text
  llvm::StringRef text;
};

std::vector<CppIdentifier> cppIdentifiers(llvm::StringRef code);

}  // namespace mpl
