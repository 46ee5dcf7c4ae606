// Test support: MPL text parsed and checked in memory through mpl::Frontend, with the
// diagnostics captured as text. The Frontend owns the source buffer the AST points
// into, so the two live together.
#pragma once

#include "driver/Frontend.h"

#include <llvm/Support/raw_ostream.h>

#include <memory>
#include <string>
#include <utility>

namespace mpl::test {

struct Parsed {
  explicit Parsed(llvm::StringRef text, llvm::StringRef path = "test.mpl")
      : file(frontend.loadText(text, path)) {}
  Parsed(const Parsed &) = delete;
  Parsed &operator=(const Parsed &) = delete;

  /// Line and column (1-based) of a location in the parsed text.
  std::pair<unsigned, unsigned> lineAndColumn(llvm::SMLoc loc) const {
    return frontend.sources().getLineAndColumn(loc);
  }

  std::string diagnostics;
  llvm::raw_string_ostream diagnosticsStream{diagnostics};
  mutable Frontend frontend{diagnosticsStream};
  std::unique_ptr<ast::File> file;
};

}  // namespace mpl::test
