#include "driver/BuildCache.h"
#include "driver/Toolchain.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/SHA1.h>
#include <llvm/Support/raw_ostream.h>

#include <unistd.h>

namespace mpl {
namespace fs = llvm::sys::fs;

llvm::Expected<BuildCache> BuildCache::open() {
  llvm::SmallString<256> root;
  if (auto xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME"); xdg && !xdg->empty()) {
    root = *xdg;
  } else if (!llvm::sys::path::home_directory(root)) {
    return driverError("cannot find a cache folder: set XDG_CACHE_HOME or HOME");
  } else {
    llvm::sys::path::append(root, ".cache");
  }
  llvm::sys::path::append(root, "mpl");
  if (auto ec = fs::create_directories(root))
    return driverError("cannot create the cache folder '" + root + "': " + ec.message());
  return BuildCache(root.str().str());
}

std::string BuildCache::entryFor(llvm::StringRef inputs) const {
  auto digest = llvm::SHA1::hash(llvm::arrayRefFromStringRef(inputs));
  llvm::SmallString<256> entry(root_);
  llvm::sys::path::append(entry, llvm::toHex(digest, /*LowerCase=*/true));
  return entry.str().str();
}

bool BuildCache::isFresh(llvm::StringRef entry, llvm::StringRef artifact, bool executable) {
  llvm::SmallString<256> binary(entry), depFile(entry);
  llvm::sys::path::append(binary, artifact);
  llvm::sys::path::append(depFile, "deps.d");
  fs::file_status binaryStatus;
  if (fs::status(binary, binaryStatus) || (executable && !fs::can_execute(binary))) return false;
  auto deps = llvm::MemoryBuffer::getFile(depFile);
  if (!deps) return false;

  // Make syntax: "target: dep dep \<newline> dep"; spaces in names are escaped as "\ ".
  llvm::StringRef text = (*deps)->getBuffer();
  text = text.split(": ").second;
  std::string name;
  auto check = [&]() {
    if (name.empty()) return true;
    fs::file_status status;
    bool fresh = !fs::status(name, status) &&
                 status.getLastModificationTime() <= binaryStatus.getLastModificationTime();
    name.clear();
    return fresh;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size() && text[i + 1] == ' ') {
      name += ' ';
      ++i;
    } else if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
    } else if (c == ' ' || c == '\n' || c == '\t') {
      if (!check()) return false;
    } else {
      name += c;
    }
  }
  return check();
}

llvm::Expected<std::string> BuildCache::stagingFolder(llvm::StringRef entry) const {
  std::string staging = entry.str() + ".tmp" + std::to_string(::getpid());
  fs::remove_directories(staging);
  if (auto ec = fs::create_directories(staging))
    return driverError("cannot create '" + staging + "': " + ec.message());
  return staging;
}

llvm::Expected<std::string> BuildCache::generatedPath(llvm::StringRef mplPath) const {
  llvm::SmallString<256> absolute(mplPath);
  fs::make_absolute(absolute);
  auto digest = llvm::SHA1::hash(llvm::arrayRefFromStringRef(absolute.str()));
  llvm::SmallString<256> path(root_);
  llvm::sys::path::append(path, "generated");
  if (auto ec = fs::create_directories(path))
    return driverError("cannot create '" + path + "': " + ec.message());
  llvm::sys::path::append(path, llvm::sys::path::stem(mplPath) + "-" +
                                    llvm::toHex(digest, /*LowerCase=*/true).substr(0, 16) + ".cpp");
  return path.str().str();
}

llvm::Error BuildCache::writeGenerated(llvm::StringRef path, llvm::StringRef cpp) {
  if (auto old = llvm::MemoryBuffer::getFile(path); old && (*old)->getBuffer() == cpp)
    return llvm::Error::success();
  llvm::SmallString<256> aside;
  int fd;
  if (auto ec = fs::createUniqueFile(path + ".tmp%%%%%%", fd, aside))
    return driverError("cannot write in '" + llvm::sys::path::parent_path(path) + "': " + ec.message());
  {
    llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
    out << cpp;
  }
  if (auto ec = fs::rename(aside, path)) {
    fs::remove(aside);
    return driverError("cannot write '" + path + "': " + ec.message());
  }
  return llvm::Error::success();
}

llvm::Error BuildCache::publish(llvm::StringRef staging, llvm::StringRef entry,
                                llvm::function_ref<bool(llvm::StringRef)> isCurrent) {
  // The dependency file names the generated .cpp inside the staging folder.
  llvm::SmallString<256> depFile(staging);
  llvm::sys::path::append(depFile, "deps.d");
  if (auto deps = llvm::MemoryBuffer::getFile(depFile)) {
    std::string text = (*deps)->getBuffer().str();
    for (size_t at = 0; (at = text.find(staging.str(), at)) != std::string::npos; at += entry.size())
      text.replace(at, staging.size(), entry.str());
    std::error_code ec;
    llvm::raw_fd_ostream out(depFile, ec);
    if (!ec) out << text;
  }
  // An entry is never removed in place: a concurrent `mplc run` that published it may be
  // about to exec its program (removing it first once made that exec fail). A current
  // entry wins; a stale one is renamed aside in one step, then ours takes its name.
  auto dropStaging = [&] {
    fs::remove_directories(staging);
    return llvm::Error::success();
  };
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (!fs::rename(staging, entry)) return llvm::Error::success();
    if (!fs::exists(entry)) break;
    if (isCurrent(entry)) return dropStaging();
    std::string aside = entry.str() + ".old" + std::to_string(::getpid());
    fs::remove_directories(aside);
    if (!fs::rename(entry, aside)) fs::remove_directories(aside);
  }
  if (fs::exists(entry) && isCurrent(entry)) return dropStaging();
  fs::remove_directories(staging);
  return driverError("cannot move the build into the cache folder '" + entry + "'");
}

}  // namespace mpl
