// Reading a .mpl file through parsing and checks: what every mplc mode starts with.
#pragma once

#include "ast/AST.h"
#include "diag/Diagnostics.h"

#include <llvm/Support/SourceMgr.h>

#include <memory>

namespace mpl {

class Frontend {
public:
  explicit Frontend(llvm::raw_ostream &diagnosticsOut) : diags_(sources_, diagnosticsOut) {}

  /// Reads, parses and checks `path`; null after reporting errors.
  std::unique_ptr<ast::File> load(llvm::StringRef path);

  /// Parses and checks in-memory source text named `path`.
  std::unique_ptr<ast::File> loadText(llvm::StringRef text, llvm::StringRef path);

  Diagnostics &diagnostics() { return diags_; }
  llvm::SourceMgr &sources() { return sources_; }

private:
  std::unique_ptr<ast::File> parseAndCheck(std::unique_ptr<llvm::MemoryBuffer> buffer);

  llvm::SourceMgr sources_;
  Diagnostics diags_;
};

}  // namespace mpl
