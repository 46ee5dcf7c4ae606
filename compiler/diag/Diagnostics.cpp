#include "diag/Diagnostics.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/ConvertUTF.h>
#include <llvm/Support/Unicode.h>
#include <llvm/Support/WithColor.h>

#include <algorithm>
#include <vector>

namespace mpl {

Diagnostics::Diagnostics(llvm::SourceMgr &sources, llvm::raw_ostream &out)
    : sources_(sources), out_(out), showColors_(out.has_colors()) {}

namespace {

constexpr unsigned tabStop = 8;  // as llvm::SMDiagnostic expands tabs

/// The caret line under a source line that holds non-ASCII text, which
/// llvm::SMDiagnostic::print leaves out: byte columns become display columns, so that
/// the caret stands under the right character after `café` or a wide character.
void printCaretLine(const llvm::SMDiagnostic &diag, llvm::raw_ostream &out, bool showColors) {
  llvm::StringRef line = diag.getLineContents();
  std::vector<unsigned> displayColumn;  // of each byte of `line`, and of its end
  unsigned column = 0;
  for (size_t i = 0; i < line.size();) {
    unsigned length = std::max(1u, static_cast<unsigned>(llvm::getNumBytesForUTF8(line[i])));
    length = std::min<size_t>(length, line.size() - i);
    unsigned width = 1;
    if (line[i] == '\t') width = tabStop - column % tabStop;
    else if (int w = llvm::sys::unicode::columnWidthUTF8(line.substr(i, length)); w >= 0) width = w;
    for (unsigned b = 0; b < length; ++b) displayColumn.push_back(column);
    column += width;
    i += length;
  }
  displayColumn.push_back(column);
  auto at = [&](size_t byte) { return displayColumn[std::min(byte, displayColumn.size() - 1)]; };

  std::string carets(column + 1, ' ');
  for (auto [first, last] : diag.getRanges())
    for (unsigned c = at(first); c < at(last) && c < carets.size(); ++c) carets[c] = '~';
  if (diag.getColumnNo() >= 0) carets[at(static_cast<size_t>(diag.getColumnNo()))] = '^';
  llvm::StringRef shown = llvm::StringRef(carets).rtrim();
  llvm::WithColor(out, llvm::raw_ostream::GREEN, /*Bold=*/true, /*BG=*/false,
                  showColors ? llvm::ColorMode::Enable : llvm::ColorMode::Disable)
      << shown << '\n';
}

}  // namespace

void Diagnostics::report(llvm::SourceMgr::DiagKind kind, llvm::SMLoc loc,
                         const llvm::Twine &message, llvm::ArrayRef<llvm::SMRange> ranges) {
  if (kind == llvm::SourceMgr::DK_Error) ++errors_;
  if (kind == llvm::SourceMgr::DK_Warning) ++warnings_;
  if (holding_)
    held_.push_back({kind, loc, message.str(), {ranges.begin(), ranges.end()}});
  else
    print(kind, loc, message, ranges);
}

Diagnostics::InSourceOrder::~InSourceOrder() {
  // Groups of an error or warning and the notes after it, ordered by where they point
  // (all locations are in the one buffer of the file; ties keep the order of reporting).
  std::vector<std::vector<Held>> groups;
  for (Held &held : diags_.held_) {
    if (held.kind != llvm::SourceMgr::DK_Note || groups.empty()) groups.emplace_back();
    groups.back().push_back(std::move(held));
  }
  std::stable_sort(groups.begin(), groups.end(), [](const auto &a, const auto &b) {
    return a.front().loc.getPointer() < b.front().loc.getPointer();
  });
  diags_.held_.clear();
  diags_.holding_ = false;
  for (const auto &group : groups)
    for (const Held &held : group) diags_.print(held.kind, held.loc, held.message, held.ranges);
}

void Diagnostics::print(llvm::SourceMgr::DiagKind kind, llvm::SMLoc loc,
                        const llvm::Twine &message, llvm::ArrayRef<llvm::SMRange> ranges) {
  llvm::SMDiagnostic diag = sources_.GetMessage(loc, kind, message, ranges);
  bool ascii = llvm::all_of(diag.getLineContents(), [](char c) { return llvm::isASCII(c); });
  // A handler (as mpl-verify's) takes the diagnostic as it is.
  if (ascii || sources_.getDiagHandler()) {
    sources_.PrintMessage(out_, diag, showColors_);
    return;
  }
  diag.print(nullptr, out_, showColors_);  // the header and the line, without a caret
  printCaretLine(diag, out_, showColors_);
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
  // Allow about one typo per three characters, as clang's typo correction does, and
  // never as many edits as the name has characters: `x` is no typo of `q`.
  if (name.size() < 2) return {};
  unsigned allowed = std::min<unsigned>((name.size() + 2) / 3, name.size() - 1);
  unsigned best = allowed + 1;
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
