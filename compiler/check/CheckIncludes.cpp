// Includes that mplc can resolve itself — `include "x.hpp"` next to the .mpl file, or
// an absolute path — must be files the C++ compiler can read: `include "/dev/zero"`
// once went to g++, which read until it ran out of memory, and a FIFO would block it.
#include "check/Symbols.h"
#include "parse/SourceFile.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/Path.h>

namespace mpl {

void checkIncludes(const ast::File &file, Diagnostics &diags) {
  for (const auto &include : file.includes) {
    llvm::StringRef header = llvm::StringRef(include->header).drop_front().drop_back();
    llvm::SmallString<256> path;
    if (llvm::sys::path::is_absolute(header)) {
      path = header;
    } else if (include->header.front() == '"') {  // g++ -iquote: the .mpl file's folder first
      path = llvm::sys::path::parent_path(file.path);
      llvm::sys::path::append(path, header);
    } else {
      continue;  // <…> is found along the compiler's search path
    }
    std::string problem = sourceFileProblem(path);
    if (!problem.empty())
      diags.error(include->range.Start,
                  "included file '" + header + "' " + problem, {include->range});
  }
}

}  // namespace mpl
