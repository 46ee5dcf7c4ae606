// What the C++ compiler would reject in a body and the front-end can see first: emit()
// in a stage with no output queue or several. `mplc --check` and the language server
// run the front-end only, so without this they would pass what the build rejects.
#include "check/Checks.h"
#include "parse/CppIdentifiers.h"

#include <fmt/format.h>
#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>

namespace mpl {

std::string emitAdvice(const ast::StageDecl &stage) {
  const char *kind = stage.isPool ? "pool" : "stage";
  if (stage.outputs.empty())
    return fmt::format("{} '{}' has no output queue, so emit() has nowhere to go; add "
                       "'-> QUEUE' to its header",
                       kind, stage.name.text);
  std::vector<std::string> pushes;
  for (const auto &output : stage.outputs) pushes.push_back(output.text + ".push(v)");
  return fmt::format("{} '{}' has {} outputs, so emit() is ambiguous; write {} instead", kind,
                     stage.name.text, stage.outputs.size(), fmt::join(pushes, " or "));
}

namespace {

bool isWordChar(char c) { return llvm::isAlnum(c) || c == '_'; }

/// True when `emit` at `offset` follows a word that is not a keyword before an
/// expression (`void emit(long)`, `auto emit = …`): the body declares an emit of its own.
bool declaresEmit(llvm::StringRef code, std::size_t offset) {
  llvm::StringRef before = code.take_front(offset).rtrim();
  if (before.empty() || !isWordChar(before.back())) return false;
  std::size_t start = before.size();
  while (start > 0 && isWordChar(before[start - 1])) --start;
  llvm::StringRef word = before.drop_front(start);
  for (llvm::StringRef keyword : {"return", "else", "do", "co_return", "co_yield", "throw"})
    if (word == keyword) return false;
  return true;
}

}  // namespace

void checkBodies(const ast::File &file, Diagnostics &diags) {
  for (const auto &stage : file.stages) {
    if (stage->outputs.size() == 1) continue;
    llvm::StringRef code = stage->body.code;
    // Read as the lexer reads a block: not in strings or comments, not `x.emit(`. A body
    // that declares its own emit is left to the C++ compiler.
    std::vector<CppIdentifier> ids = cppIdentifiers(code);
    if (llvm::any_of(ids, [&](const CppIdentifier &id) {
          return id.text == "emit" && declaresEmit(code, id.offset);
        }))
      continue;
    for (const CppIdentifier &id : ids) {
      if (id.text != "emit") continue;
      llvm::StringRef after = code.drop_front(id.offset + id.text.size()).ltrim();
      if (!after.startswith("(")) continue;
      const char *at = stage->body.range.Start.getPointer() + id.offset;
      diags.error(llvm::SMLoc::getFromPointer(at), emitAdvice(*stage),
                  {llvm::SMRange(llvm::SMLoc::getFromPointer(at),
                                 llvm::SMLoc::getFromPointer(at + id.text.size()))});
      break;  // one per stage: the header is what to fix
    }
  }
}

}  // namespace mpl
