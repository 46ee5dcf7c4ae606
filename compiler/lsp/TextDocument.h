// An open document as the language server holds it: its text, and the conversions
// between byte offsets (what llvm::SourceMgr and the AST use) and LSP positions, whose
// columns count UTF-16 code units (LSP 3.17's default position encoding).
#pragma once

#include <llvm/ADT/StringRef.h>

#include <cstddef>
#include <string>
#include <vector>

namespace mpl::lsp {

struct Position {
  unsigned line = 0;
  unsigned character = 0;  // UTF-16 code units
  bool operator==(const Position &o) const { return line == o.line && character == o.character; }
  bool operator<(const Position &o) const {
    return line < o.line || (line == o.line && character < o.character);
  }
};

struct Range {
  Position start, end;
  bool operator==(const Range &o) const { return start == o.start && end == o.end; }
};

class TextDocument {
public:
  TextDocument() = default;
  TextDocument(std::string uri, std::string text, long version);

  const std::string &uri() const { return uri_; }
  const std::string &text() const { return text_; }
  long version() const { return version_; }

  /// Replaces the whole text (full sync) or `range` of it (incremental sync).
  void replaceAll(std::string text, long version);
  /// False when the range lies outside the text; the document is left unchanged.
  bool replace(const Range &range, llvm::StringRef newText, long version);

  /// A byte offset's position; offsets inside a multi-byte character count as its start.
  Position positionOf(std::size_t offset) const;
  /// A position's byte offset, clamped to its line (LSP: a character past the end of
  /// the line means its end).
  std::size_t offsetOf(Position position) const;
  Range rangeOf(std::size_t begin, std::size_t end) const {
    return {positionOf(begin), positionOf(end)};
  }
  unsigned lineCount() const { return static_cast<unsigned>(lineStarts_.size()); }

private:
  void indexLines();
  std::size_t lineEnd(unsigned line) const;  // offset of the line's end (or text end)

  std::string uri_;
  std::string text_;
  long version_ = 0;
  std::vector<std::size_t> lineStarts_;
};

/// UTF-16 code units in the UTF-8 text `s` (malformed bytes count one each).
unsigned utf16Length(llvm::StringRef s);

}  // namespace mpl::lsp
