#include "driver/Frontend.h"
#include "check/Checks.h"
#include "parse/Parser.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>

namespace mpl {

std::unique_ptr<ast::File> Frontend::load(llvm::StringRef path) {
  if (llvm::sys::fs::is_directory(path)) {
    diags_.fileError(path, "is a directory, not a .mpl file");
    return nullptr;
  }
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    diags_.fileError(path, "cannot read file: " + buffer.getError().message());
    return nullptr;
  }
  return parseAndCheck(std::move(*buffer));
}

std::unique_ptr<ast::File> Frontend::loadText(llvm::StringRef text, llvm::StringRef path) {
  return parseAndCheck(llvm::MemoryBuffer::getMemBufferCopy(text, path));
}

std::unique_ptr<ast::File> Frontend::parseAndCheck(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  unsigned id = sources_.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  std::unique_ptr<ast::File> file = parseFile(id, diags_);
  if (!file || !checkFile(*file, diags_)) return nullptr;
  return file;
}

}  // namespace mpl
