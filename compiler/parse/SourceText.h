// Maps ANTLR's character indices (Unicode code points) back to the bytes of the
// buffer that llvm::SourceMgr holds, so diagnostics point at the right column even
// after non-ASCII text in comments or C++ strings.
#pragma once

#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SMLoc.h>

#include <cstddef>
#include <optional>
#include <vector>

namespace mpl {

class SourceText {
public:
  explicit SourceText(const llvm::MemoryBuffer &buffer);

  /// The first byte that is not well-formed UTF-8, if any.
  std::optional<std::size_t> firstInvalidByte() const { return invalidAt_; }

  llvm::SMLoc locAt(std::size_t codePointIndex) const;
  llvm::SMRange range(std::size_t firstCodePoint, std::size_t lastCodePoint) const;

private:
  const char *start_;
  std::size_t size_;
  std::vector<std::size_t> byteOfCodePoint_;  // empty when the text is pure ASCII
  std::optional<std::size_t> invalidAt_;
};

}  // namespace mpl
