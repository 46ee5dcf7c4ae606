#include "diag/SourceLines.h"

#include <algorithm>
#include <cstring>

namespace mpl {

const SourceLines::Index &SourceLines::indexOf(unsigned buffer) const {
  auto [it, added] = indexes_.try_emplace(buffer);
  if (added) {
    llvm::StringRef text = sources_.getMemoryBuffer(buffer)->getBuffer();
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') it->second.newlines.push_back(static_cast<uint32_t>(i));
      else if (text[i] == '\r') it->second.returns.push_back(static_cast<uint32_t>(i));
    }
  }
  return it->second;
}

SourcePlace SourceLines::locate(llvm::SMLoc loc, llvm::ArrayRef<llvm::SMRange> ranges) const {
  SourcePlace place;
  unsigned buffer = loc.isValid() ? sources_.FindBufferContainingLoc(loc) : 0;
  if (buffer == 0) return place;
  const llvm::MemoryBuffer &memory = *sources_.getMemoryBuffer(buffer);
  llvm::StringRef text = memory.getBuffer();
  const Index &index = indexOf(buffer);
  auto offset = static_cast<uint32_t>(loc.getPointer() - text.data());
  // The last line end before the location, and the first at or after it.
  auto before = [offset](const std::vector<uint32_t> &ends) -> size_t {
    auto it = std::lower_bound(ends.begin(), ends.end(), offset);
    return it == ends.begin() ? 0 : *std::prev(it) + 1;
  };
  auto after = [offset, &text](const std::vector<uint32_t> &ends) -> size_t {
    auto it = std::lower_bound(ends.begin(), ends.end(), offset);
    return it == ends.end() ? text.size() : *it;
  };
  size_t start = std::max(before(index.newlines), before(index.returns));
  size_t end = std::min(after(index.newlines), after(index.returns));
  place.file = memory.getBufferIdentifier();
  place.line = static_cast<unsigned>(
      std::lower_bound(index.newlines.begin(), index.newlines.end(), offset) - index.newlines.begin() + 1);
  place.column = static_cast<int>(offset - start);
  place.text = text.slice(start, end);
  const char *lineStart = text.data() + start, *lineEnd = text.data() + end;
  for (llvm::SMRange range : ranges) {
    if (!range.isValid()) continue;
    const char *from = range.Start.getPointer(), *to = range.End.getPointer();
    if (from > lineEnd || to < lineStart) continue;
    from = std::max(from, lineStart);
    to = std::min(to, lineEnd);
    place.ranges.emplace_back(static_cast<unsigned>(from - lineStart), static_cast<unsigned>(to - lineStart));
  }
  return place;
}

}  // namespace mpl
