#include "diag/Diagnostics.h"

#include <algorithm>

namespace mpl {

Diagnostics::Diagnostics(llvm::SourceMgr &sources, llvm::raw_ostream &out)
    : sources_(sources), out_(out), showColors_(out.has_colors()) {}

void Diagnostics::report(llvm::SourceMgr::DiagKind kind, llvm::SMLoc loc,
                         const llvm::Twine &message, llvm::ArrayRef<llvm::SMRange> ranges) {
  if (kind == llvm::SourceMgr::DK_Error) ++errors_;
  if (kind == llvm::SourceMgr::DK_Warning) ++warnings_;
  sources_.PrintMessage(out_, loc, kind, message, ranges, {}, showColors_);
}

void Diagnostics::error(llvm::SMLoc loc, const llvm::Twine &message,
                        llvm::ArrayRef<llvm::SMRange> ranges) {
  report(llvm::SourceMgr::DK_Error, loc, message, ranges);
}

void Diagnostics::warning(llvm::SMLoc loc, const llvm::Twine &message,
                          llvm::ArrayRef<llvm::SMRange> ranges) {
  report(llvm::SourceMgr::DK_Warning, loc, message, ranges);
}

void Diagnostics::note(llvm::SMLoc loc, const llvm::Twine &message,
                       llvm::ArrayRef<llvm::SMRange> ranges) {
  report(llvm::SourceMgr::DK_Note, loc, message, ranges);
}

void Diagnostics::fileError(llvm::StringRef path, const llvm::Twine &message) {
  ++errors_;
  llvm::SMDiagnostic diagnostic(path, llvm::SourceMgr::DK_Error, message.str());
  diagnostic.print(nullptr, out_, showColors_);
}

std::string closestName(llvm::StringRef name, llvm::ArrayRef<std::string> candidates) {
  // Allow about one typo per three characters, as clang's typo correction does.
  unsigned best = std::max<unsigned>(1, (name.size() + 2) / 3) + 1;
  std::string match;
  for (const auto &candidate : candidates) {
    if (candidate == name) continue;
    unsigned distance = name.edit_distance(candidate, /*AllowReplacements=*/true, best);
    if (distance < best) {
      best = distance;
      match = candidate;
    }
  }
  return match;
}

}  // namespace mpl
