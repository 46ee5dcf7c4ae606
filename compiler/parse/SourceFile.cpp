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

bool endLinesAtLoneCarriageReturns(char *text, std::size_t size) {
  bool found = false;
  for (char *at = static_cast<char *>(std::memchr(text, '\r', size)); at;) {
    std::size_t next = static_cast<std::size_t>(at - text) + 1;
    if (next == size || text[next] != '\n') {
      *at = '\n';
      found = true;
    }
    at = next < size ? static_cast<char *>(std::memchr(text + next, '\r', size - next)) : nullptr;
  }
  return found;
}

std::unique_ptr<llvm::MemoryBuffer> withLoneCarriageReturnsAsNewlines(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  llvm::StringRef text = buffer->getBuffer();
  if (!text.contains('\r')) return buffer;
  auto copy = llvm::WritableMemoryBuffer::getNewUninitMemBuffer(text.size(), buffer->getBufferIdentifier());
  std::memcpy(copy->getBufferStart(), text.data(), text.size());
  if (!endLinesAtLoneCarriageReturns(copy->getBufferStart(), text.size())) return buffer;  // CRLF only
  return copy;
}

}  // namespace mpl
