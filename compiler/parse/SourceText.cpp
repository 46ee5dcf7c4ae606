#include "parse/SourceText.h"

#include "diag/SourceLines.h"

#include <llvm/Support/ConvertUTF.h>

namespace mpl {

SourceText::SourceText(const llvm::MemoryBuffer &buffer)
    : start_(buffer.getBufferStart()), size_(buffer.getBufferSize()) {
  const auto *bytes = reinterpret_cast<const unsigned char *>(start_);
  bool ascii = true;
  for (std::size_t i = 0; i < size_; ++i)
    if (bytes[i] >= 0x80) { ascii = false; break; }
  if (ascii) return;

  // ANTLR's input stream drops a leading UTF-8 byte order mark, so its first code
  // point is the byte after the mark.
  std::size_t i = byteOrderMarkBytes(buffer.getBuffer());
  while (i < size_) {
    unsigned length = llvm::getNumBytesForUTF8(bytes[i]);
    const llvm::UTF8 *first = bytes + i;
    if (i + length > size_ || !llvm::isLegalUTF8Sequence(first, first + length)) {
      invalidAt_ = i;
      return;
    }
    byteOfCodePoint_.push_back(i);
    i += length;
  }
  byteOfCodePoint_.push_back(size_);
}

llvm::SMLoc SourceText::locAt(std::size_t codePointIndex) const {
  std::size_t byte = codePointIndex;
  if (!byteOfCodePoint_.empty())
    byte = codePointIndex < byteOfCodePoint_.size() ? byteOfCodePoint_[codePointIndex] : size_;
  if (byte > size_) byte = size_;
  return llvm::SMLoc::getFromPointer(start_ + byte);
}

llvm::SMRange SourceText::range(std::size_t firstCodePoint, std::size_t lastCodePoint) const {
  return {locAt(firstCodePoint), locAt(lastCodePoint + 1)};
}

}  // namespace mpl
