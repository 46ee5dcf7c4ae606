#include "diag/SourceLines.h"

#include <algorithm>

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
  // The first '\n' and the first '\r' at or after the location: the line ends at the
  // nearer, starts after the last one of either before, and is numbered by the '\n's.
  auto newline = std::lower_bound(index.newlines.begin(), index.newlines.end(), offset);
  auto ret = std::lower_bound(index.returns.begin(), index.returns.end(), offset);
  auto startAfter = [](auto next, const std::vector<uint32_t> &ends) -> size_t {
    return next == ends.begin() ? 0 : *std::prev(next) + 1;
  };
  auto endAt = [&text](auto next, const std::vector<uint32_t> &ends) -> size_t {
    return next == ends.end() ? text.size() : *next;
  };
  size_t start = std::max(startAfter(newline, index.newlines), startAfter(ret, index.returns));
  size_t end = std::min(endAt(newline, index.newlines), endAt(ret, index.returns));
  // A byte order mark is not text an editor shows: the first line starts after it.
  if (start == 0 && offset >= byteOrderMarkBytes(text)) start = byteOrderMarkBytes(text);
  place.file = memory.getBufferIdentifier();
  place.line = static_cast<unsigned>(newline - index.newlines.begin() + 1);
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
