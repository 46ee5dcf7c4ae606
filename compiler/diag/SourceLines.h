// Where a location is in its source buffer: line, byte column and the line's text, found
// from an index of the buffer's line ends in O(log n). llvm::SourceMgr::GetMessage scans
// the line around the location and copies it, for each diagnostic: on a file that is one
// 32 MB line, a thousand diagnostics cost the language server 275 s.
#pragma once

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/SourceMgr.h>

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mpl {

/// The bytes of the UTF-8 byte order mark that `text`, a whole buffer, starts with (3),
/// or 0. It is no code point for ANTLR, no column for editors or the C++ compiler.
inline std::size_t byteOrderMarkBytes(llvm::StringRef text) {
  return text.startswith("\xEF\xBB\xBF") ? 3 : 0;
}

struct SourcePlace {
  llvm::StringRef file;  // the buffer's identifier; empty when the location is in none
  unsigned line = 0;     // from 1; 0 when unknown
  int column = -1;       // bytes from the start of the line; -1 when unknown
  llvm::StringRef text;  // the whole line, without its end, viewed in the buffer
  /// The byte columns of the ranges that touch this line, clipped to it (as GetMessage).
  std::vector<std::pair<unsigned, unsigned>> ranges;
};

class SourceLines {
public:
  explicit SourceLines(const llvm::SourceMgr &sources) : sources_(sources) {}

  /// As llvm::SourceMgr::GetMessage places a diagnostic: a line ends at '\n' or '\r',
  /// lines are numbered by '\n'.
  SourcePlace locate(llvm::SMLoc loc, llvm::ArrayRef<llvm::SMRange> ranges) const;

private:
  struct Index {
    std::vector<uint32_t> newlines;  // offsets of every '\n'
    std::vector<uint32_t> returns;   // and of every '\r'
  };
  const Index &indexOf(unsigned buffer) const;

  const llvm::SourceMgr &sources_;
  mutable std::unordered_map<unsigned, Index> indexes_;
};

}  // namespace mpl
