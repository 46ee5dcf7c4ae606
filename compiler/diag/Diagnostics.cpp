#include "diag/Diagnostics.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/ConvertUTF.h>
#include <llvm/Support/Unicode.h>
#include <llvm/Support/WithColor.h>
#include <mpl/closest_name.hpp>

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
  // SMDiagnostic::print echoes the line expanding a tab to the next multiple of 8 of the
  // bytes it has written, not of the display columns: the caret follows the echo.
  unsigned echoedBytes = 0;
  for (size_t i = 0; i < line.size();) {
    unsigned length = std::max(1u, static_cast<unsigned>(llvm::getNumBytesForUTF8(line[i])));
    length = std::min<size_t>(length, line.size() - i);
    unsigned width = 1, bytes = length;
    if (line[i] == '\t') width = bytes = tabStop - echoedBytes % tabStop;
    else if (int w = llvm::sys::unicode::columnWidthUTF8(line.substr(i, length)); w >= 0) width = w;
    for (unsigned b = 0; b < length; ++b) displayColumn.push_back(column);
    column += width;
    echoedBytes += bytes;
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
bool shownWhole(const SourcePlace &place) { return place.text.size() <= static_cast<size_t>(shownLineLimit); }

/// The diagnostic as shown: the whole line, or a window of a longer one around the column.
llvm::SMDiagnostic shownDiagnostic(llvm::SourceMgr &sources, llvm::SMLoc loc, const SourcePlace &place,
                                   llvm::SourceMgr::DiagKind kind, const std::string &message) {
  llvm::StringRef line = place.text;
  if (shownWhole(place))
    return llvm::SMDiagnostic(sources, loc, place.file, place.line, place.column, kind, message, line,
                              place.ranges);
  int column = std::max(place.column, 0);
  int first = std::max(0, std::min(column - shownLineLimit / 2, static_cast<int>(line.size()) - shownLineLimit));
  int last = std::min(static_cast<int>(line.size()), first + shownLineLimit);
  auto continuation = [&](int i) { return i < static_cast<int>(line.size()) && (line[i] & 0xC0) == 0x80; };
  // Whole UTF-8 characters only: at most 3 continuation bytes belong to one (a run of
  // them in invalid UTF-8 must not stretch the window over the whole line).
  for (int steps = 0; steps < 3 && first > 0 && continuation(first); ++steps) --first;
  for (int steps = 0; steps < 3 && continuation(last); ++steps) ++last;
  std::string shown = (first > 0 ? "..." : "") + line.slice(first, last).str() +
                      (last < static_cast<int>(line.size()) ? "..." : "");
  int shift = first - (first > 0 ? 3 : 0);
  std::vector<std::pair<unsigned, unsigned>> ranges;
  for (auto [from, to] : place.ranges) {
    int a = std::clamp(static_cast<int>(from) - shift, 0, static_cast<int>(shown.size()));
    int b = std::clamp(static_cast<int>(to) - shift, 0, static_cast<int>(shown.size()));
    if (a < b) ranges.emplace_back(a, b);
  }
  return llvm::SMDiagnostic(sources, loc, place.file, place.line, place.column < 0 ? -1 : column - shift,
                            kind, message, shown, ranges);
}

/// The diagnostic with its file name, message and source line passed through
/// escapeControls, columns and ranges moved along with the text they point at.
llvm::SMDiagnostic escaped(const llvm::SMDiagnostic &diag) {
  std::vector<unsigned> offsets;
  std::string line = escapeControls(diag.getLineContents(), /*keepTabs=*/true, &offsets);
  std::string message = escapeControls(diag.getMessage(), false);
  std::string file = escapeControls(diag.getFilename(), false);
  if (line == diag.getLineContents() && message == diag.getMessage() && file == diag.getFilename())
    return diag;
  auto at = [&](unsigned byte) { return offsets[std::min<size_t>(byte, offsets.size() - 1)]; };
  std::vector<std::pair<unsigned, unsigned>> ranges;
  for (auto [from, to] : diag.getRanges()) ranges.emplace_back(at(from), at(to));
  int column = diag.getColumnNo() < 0 ? diag.getColumnNo() : static_cast<int>(at(diag.getColumnNo()));
  return llvm::SMDiagnostic(*diag.getSourceMgr(), diag.getLoc(), file, diag.getLineNo(), column,
                            diag.getKind(), message, line, ranges);
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
  if (errorLimit_ && printedErrors_ > errorLimit_) return;
  if (kind == llvm::SourceMgr::DK_Note) {
    if (hidingNotes_) return;
  } else {
    // Past the warning limit, warnings (and their notes) are only counted: 500,000
    // unused queues once printed 58 MB of them.
    hidingNotes_ = kind == llvm::SourceMgr::DK_Warning && warningLimit_ &&
                   printedWarnings_ >= warningLimit_;
    if (hidingNotes_) {
      ++hiddenWarnings_;
      return;
    }
  }
  SourcePlace place = lines_.locate(loc, ranges);
  if (kind == llvm::SourceMgr::DK_Error && ++printedErrors_ > errorLimit_ && errorLimit_) {
    if (sources_.getDiagHandler()) {  // an editor's list: there is no option to point at
      sources_.PrintMessage(out_,
                            llvm::SMDiagnostic(place.file, llvm::SourceMgr::DK_Error,
                                               (llvm::Twine("too many errors emitted: only the first ") +
                                                llvm::Twine(errorLimit_) + " are listed")
                                                   .str()),
                            showColors_);
    } else {
      llvm::SMDiagnostic(escapeControls(place.file, false), llvm::SourceMgr::DK_Error,
                         "too many errors emitted, stopping now (--error-limit=0 shows them all)")
          .print(nullptr, out_, showColors_);
    }
    return;
  }
  if (kind == llvm::SourceMgr::DK_Warning) ++printedWarnings_;
  std::string text = message.str();
  // A handler (the language server's, mpl-verify's) takes the columns and ranges as
  // they are, counting the file's bytes; only the message is escaped.
  if (sources_.getDiagHandler()) {
    llvm::StringRef line = shownWhole(place) ? place.text : "";
    sources_.PrintMessage(out_,
                          llvm::SMDiagnostic(sources_, loc, place.file, place.line, place.column, kind,
                                             escapeControls(text, false), line, place.ranges),
                          showColors_);
    return;
  }
  // Only what is shown is escaped: escaping a 10 MB line for each diagnostic was most of
  // the time mplc took on one.
  llvm::SMDiagnostic shown = escaped(shownDiagnostic(sources_, loc, place, kind, text));
  if (shownWhole(place) && shown.getLineContents() == place.text) {
    printWithCaret(shown, out_, showColors_);
    return;
  }
  // The header with the file's line and byte column (docs/diagnostics.md: a column counts
  // bytes), then the shown line and its caret, which stand where the escaped text puts them.
  // Appended piece by piece: g++ 12 -O3 warns (-Wrestrict, a false positive) on
  // `":" + std::to_string(…)`.
  std::string where = escapeControls(place.file, false);
  where += ':';
  where += std::to_string(place.line);
  if (place.column >= 0) {
    where += ':';
    where += std::to_string(place.column + 1);
  }
  llvm::SMDiagnostic(where, kind, shown.getMessage()).print(nullptr, out_, showColors_);
  std::string window;
  llvm::raw_string_ostream windowOut(window);
  printWithCaret(shown, windowOut, showColors_);
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
  llvm::SMDiagnostic diagnostic(escapeControls(path, false), llvm::SourceMgr::DK_Error,
                                escapeControls(message.str(), false));
  diagnostic.print(nullptr, out_, showColors_);
}

void Diagnostics::printSummary() {
  if (hiddenWarnings_ == 0) return;
  std::string file;
  if (sources_.getNumBuffers() > 0)
    file = escapeControls(sources_.getMemoryBuffer(sources_.getMainFileID())->getBufferIdentifier(), false);
  llvm::SMDiagnostic(file, llvm::SourceMgr::DK_Note,
                     std::to_string(hiddenWarnings_) + " more warning" +
                         (hiddenWarnings_ == 1 ? "" : "s") +
                         " not shown (--warning-limit=0 shows them all)")
      .print(nullptr, out_, showColors_);
  hiddenWarnings_ = 0;
}

std::string escapeControls(llvm::StringRef text, bool keepTabs, std::vector<unsigned> *offsets) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (offsets) offsets->push_back(static_cast<unsigned>(out.size()));
    if ((c < 0x20 && !(keepTabs && c == '\t')) || c == 0x7f) {
      out += "\\x";
      out += llvm::hexdigit(c >> 4, true);
      out += llvm::hexdigit(c & 15, true);
    } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {  // U+0080–U+009F: C1 controls
      out += "\\u00";
      out += llvm::hexdigit(next >> 4, true);
      out += llvm::hexdigit(next & 15, true);
      if (offsets) offsets->push_back(offsets->back());
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (offsets) offsets->push_back(static_cast<unsigned>(out.size()));
  return out;
}

std::string closestName(llvm::StringRef name, llvm::ArrayRef<std::string> candidates) {
  auto match = closest_name(std::string_view(name), candidates);
  return match ? std::string(*match) : std::string();
}

}  // namespace mpl
