#include "lsp/TextDocument.h"

#include <algorithm>

namespace mpl::lsp {

namespace {
/// Bytes of the UTF-8 sequence that `lead` starts; 1 for a stray byte, so that text
/// which is not UTF-8 (reported by the parser) still maps somewhere.
unsigned sequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}
}  // namespace

unsigned utf16Length(llvm::StringRef s) {
  unsigned units = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned length = sequenceLength(static_cast<unsigned char>(s[i]));
    units += length == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    i += length;
  }
  return units;
}

TextDocument::TextDocument(std::string uri, std::string text, long version)
    : uri_(std::move(uri)), text_(std::move(text)), version_(version) {
  indexLines();
}

// A line ends at '\n', "\r\n" or a lone '\r', as LSP positions count them.
void TextDocument::indexLines() {
  lineStarts_.assign(1, 0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n')))
      lineStarts_.push_back(i + 1);
}

void TextDocument::replaceAll(std::string text, long version) {
  text_ = std::move(text);
  version_ = version;
  indexLines();
}

bool TextDocument::replace(const Range &range, llvm::StringRef newText, long version) {
  if (range.end < range.start || range.start.line >= lineStarts_.size()) return false;
  std::size_t begin = offsetOf(range.start);
  std::size_t end = range.end.line >= lineStarts_.size() ? text_.size() : offsetOf(range.end);
  text_.replace(begin, end - begin, newText.data(), newText.size());
  version_ = version;
  indexLines();
  return true;
}

std::size_t TextDocument::lineEnd(unsigned line) const {
  if (line + 1 >= lineStarts_.size()) return text_.size();
  std::size_t end = lineStarts_[line + 1] - 1;  // the '\n' or lone '\r'
  if (text_[end] == '\n' && end > lineStarts_[line] && text_[end - 1] == '\r') --end;
  return end;
}

Position TextDocument::positionOf(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto after = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  unsigned line = static_cast<unsigned>(after - lineStarts_.begin()) - 1;
  std::size_t start = lineStarts_[line];
  return {line, utf16Length(llvm::StringRef(text_).slice(start, offset))};
}

std::size_t TextDocument::offsetOf(Position position) const {
  if (position.line >= lineStarts_.size()) return text_.size();
  std::size_t i = lineStarts_[position.line], end = lineEnd(position.line);
  unsigned units = 0;
  while (i < end && units < position.character) {
    unsigned length = sequenceLength(static_cast<unsigned char>(text_[i]));
    units += length == 4 ? 2 : 1;
    i = std::min(i + length, end);
  }
  return i;
}

}  // namespace mpl::lsp
