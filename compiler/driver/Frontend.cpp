#include "driver/Frontend.h"
#include "check/Checks.h"
#include "parse/Parser.h"
#include "parse/SourceFile.h"

#include <llvm/Support/MemoryBuffer.h>

namespace mpl {

std::unique_ptr<ast::File> Frontend::load(llvm::StringRef path) {
  std::string error;
  auto buffer = readSourceFile(path, error);
  if (!buffer) {
    diags_.fileError(path, error);
    return nullptr;
  }
  return parseAndCheck(std::move(buffer));
}

std::unique_ptr<ast::File> Frontend::loadText(llvm::StringRef text, llvm::StringRef path) {
  return parseAndCheck(llvm::MemoryBuffer::getMemBufferCopy(text, path));
}

std::unique_ptr<ast::File> Frontend::parseAndCheck(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  unsigned id = sources_.AddNewSourceBuffer(withLoneCarriageReturnsAsNewlines(std::move(buffer)), llvm::SMLoc());
  std::unique_ptr<ast::File> file = parseFile(id, diags_);
  bool ok = file && checkFile(*file, diags_);
  diags_.printSummary();
  if (!ok) return nullptr;
  return file;
}

}  // namespace mpl
