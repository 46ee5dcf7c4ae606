#include "parse/SourceFile.h"

#include <llvm/Support/FileSystem.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mpl {
namespace {

/// What a stat result says is wrong with reading it as source text, or empty.
std::string problemWith(const struct stat &status) {
  if (S_ISDIR(status.st_mode)) return "is a directory, not a regular file";
  if (!S_ISREG(status.st_mode)) {
    const char *kind = S_ISCHR(status.st_mode)    ? "a character device"
                       : S_ISBLK(status.st_mode)  ? "a block device"
                       : S_ISFIFO(status.st_mode) ? "a FIFO"
                       : S_ISSOCK(status.st_mode) ? "a socket"
                                                  : "not a file";
    return std::string("is ") + kind +
           ", not a regular file; mplc reads sources from regular files only";
  }
  if (static_cast<std::uint64_t>(status.st_size) > maxSourceBytes)
    return "is " + std::to_string(status.st_size) +
           " bytes; a source file may be at most 64 MiB (" + std::to_string(maxSourceBytes) +
           " bytes)";
  return {};
}

}  // namespace

std::string sourceFileProblem(llvm::StringRef path) {
  struct stat status;
  if (::stat(path.str().c_str(), &status) != 0) return {};
  return problemWith(status);
}

std::unique_ptr<llvm::MemoryBuffer> readSourceFile(llvm::StringRef path, std::string &error) {
  int fd = ::open(path.str().c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return nullptr;
  }
  struct stat status;
  if (::fstat(fd, &status) != 0) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    ::close(fd);
    return nullptr;
  }
  error = problemWith(status);
  if (!error.empty()) {
    ::close(fd);
    return nullptr;
  }
  // Exactly the size checked: a file that grows meanwhile is read as it was.
  auto buffer = llvm::MemoryBuffer::getOpenFile(fd, path, static_cast<std::uint64_t>(status.st_size));
  ::close(fd);
  if (!buffer) {
    error = "cannot read file: " + buffer.getError().message();
    return nullptr;
  }
  return std::move(*buffer);
}

namespace {
/// The offset of the first lone '\r' (not before '\n') at or after `from`, or `size`.
std::size_t nextLoneCarriageReturn(const char *text, std::size_t size, std::size_t from) {
  while (from < size) {
    const void *found = std::memchr(text + from, '\r', size - from);
    if (!found) return size;
    auto at = static_cast<std::size_t>(static_cast<const char *>(found) - text);
    if (at + 1 == size || text[at + 1] != '\n') return at;
    from = at + 2;
  }
  return size;
}
}  // namespace

bool endLinesAtLoneCarriageReturns(char *text, std::size_t size) {
  bool found = false;
  for (std::size_t at = nextLoneCarriageReturn(text, size, 0); at < size;
       at = nextLoneCarriageReturn(text, size, at + 1)) {
    text[at] = '\n';
    found = true;
  }
  return found;
}

std::unique_ptr<llvm::MemoryBuffer> withLoneCarriageReturnsAsNewlines(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  llvm::StringRef text = buffer->getBuffer();
  // Copied only when there is one: a CRLF file is read as it is.
  std::size_t first = nextLoneCarriageReturn(text.data(), text.size(), 0);
  if (first == text.size()) return buffer;
  auto copy = llvm::WritableMemoryBuffer::getNewUninitMemBuffer(text.size(), buffer->getBufferIdentifier());
  std::memcpy(copy->getBufferStart(), text.data(), text.size());
  endLinesAtLoneCarriageReturns(copy->getBufferStart() + first, text.size() - first);
  return copy;
}

}  // namespace mpl
