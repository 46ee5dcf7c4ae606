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

/// A source line longer than this is shown as a window around the column: a 10 MB line
/// repeated under every diagnostic would make the output quadratic in the input.
constexpr int shownLineLimit = 240;

namespace {
llvm::SMDiagnostic shortenLine(const llvm::SMDiagnostic &diag) {
  llvm::StringRef line = diag.getLineContents();
  int column = std::max(diag.getColumnNo(), 0);
  int first = std::max(0, std::min(column - shownLineLimit / 2, static_cast<int>(line.size()) - shownLineLimit));
  int last = std::min(static_cast<int>(line.size()), first + shownLineLimit);
  auto continuation = [&](int i) { return i < static_cast<int>(line.size()) && (line[i] & 0xC0) == 0x80; };
  while (first > 0 && continuation(first)) --first;  // whole UTF-8 characters only
  while (continuation(last)) ++last;
  std::string shown = (first > 0 ? "..." : "") + line.slice(first, last).str() +
                      (last < static_cast<int>(line.size()) ? "..." : "");
  int shift = first - (first > 0 ? 3 : 0);
  std::vector<std::pair<unsigned, unsigned>> ranges;
  for (auto [from, to] : diag.getRanges()) {
    int a = std::clamp(static_cast<int>(from) - shift, 0, static_cast<int>(shown.size()));
    int b = std::clamp(static_cast<int>(to) - shift, 0, static_cast<int>(shown.size()));
    if (a < b) ranges.emplace_back(a, b);
  }
  return llvm::SMDiagnostic(*diag.getSourceMgr(), diag.getLoc(), diag.getFilename(), diag.getLineNo(),
                            diag.getColumnNo() < 0 ? -1 : column - shift, diag.getKind(),
                            diag.getMessage(), shown, ranges);
}

void printWithCaret(const llvm::SMDiagnostic &diag, llvm::raw_ostream &out, bool showColors) {
  bool ascii = llvm::all_of(diag.getLineContents(), [](char c) { return llvm::isASCII(c); });
  diag.print(nullptr, out, showColors);  // without a caret under a non-ASCII line
  if (!ascii) printCaretLine(diag, out, showColors);
}
}  // namespace

void Diagnostics::print(llvm::SourceMgr::DiagKind kind, llvm::SMLoc loc,
                        const llvm::Twine &message, llvm::ArrayRef<llvm::SMRange> ranges) {
  // After errorLimit_ errors, as clang's -ferror-limit: say so once and print no more.
  bool limited = errorLimit_ != 0;
  if (limited && printedErrors_ > errorLimit_) return;
  llvm::SMDiagnostic diag = sources_.GetMessage(loc, kind, message, ranges);
  if (limited && kind == llvm::SourceMgr::DK_Error && ++printedErrors_ > errorLimit_) {
    llvm::SMDiagnostic(diag.getFilename(), llvm::SourceMgr::DK_Error, "too many errors emitted, stopping now")
        .print(nullptr, out_, showColors_);
    return;
  }
  // A handler (as mpl-verify's) takes the diagnostic as it is.
  if (sources_.getDiagHandler()) {
    sources_.PrintMessage(out_, diag, showColors_);
    return;
  }
  if (diag.getLineContents().size() <= static_cast<size_t>(shownLineLimit)) {
    printWithCaret(diag, out_, showColors_);
    return;
  }
  // The header with the real line and column, then the window's line and caret.
  std::string where = (diag.getFilename() + ":" + llvm::Twine(diag.getLineNo()) + ":" +
                       llvm::Twine(diag.getColumnNo() + 1)).str();
  llvm::SMDiagnostic(where, kind, diag.getMessage()).print(nullptr, out_, showColors_);
  std::string window;
  llvm::raw_string_ostream windowOut(window);
  printWithCaret(shortenLine(diag), windowOut, showColors_);
  out_ << llvm::StringRef(window).split('\n').second;
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
