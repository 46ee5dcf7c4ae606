// Reading a source file, bounded: mplc reads a .mpl file whole, so a device
// (/dev/zero), a FIFO or a huge file must be refused before any byte is read.
#pragma once

#include <llvm/Support/MemoryBuffer.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace mpl {

/// The largest .mpl file, or file it includes, that mplc accepts: 64 MiB.
inline constexpr std::uint64_t maxSourceBytes = std::uint64_t{64} << 20;

/// Why `path` cannot be read as a source file ("is a character device, not a regular
/// file", "is 70000000 bytes; …"), or empty when it can. A missing file is no problem
/// here: the caller says what a missing file means. Never opens the file.
std::string sourceFileProblem(llvm::StringRef path);

/// Reads a regular file of at most maxSourceBytes, checked through the descriptor it is
/// read from (opened without blocking, so a FIFO cannot stall mplc); null with `error`
/// set otherwise.
std::unique_ptr<llvm::MemoryBuffer> readSourceFile(llvm::StringRef path, std::string &error);

/// A lone '\r' (old Mac line ends) ends a line for editors, the language server
/// protocol and the C++ compiler, but not for LLVM's line numbers: each becomes '\n', in
/// place, so that every byte offset stays and every layer counts the same lines. True
/// when there was one.
bool endLinesAtLoneCarriageReturns(char *text, std::size_t size);
/// `buffer`, or a copy of it whose lone '\r' are '\n' (see above) when it has any.
std::unique_ptr<llvm::MemoryBuffer> withLoneCarriageReturnsAsNewlines(std::unique_ptr<llvm::MemoryBuffer> buffer);

}  // namespace mpl
