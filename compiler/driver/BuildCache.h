// The cache behind `mplc run`: executables keyed by the content of the .mpl file and
// everything else that decides the build, so an unchanged program starts at once.
#pragma once

#include <llvm/ADT/STLFunctionalExtras.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <string>

namespace mpl {

class BuildCache {
public:
  /// $XDG_CACHE_HOME/mpl, else ~/.cache/mpl; created when missing.
  static llvm::Expected<BuildCache> open();

  /// The folder for a build whose inputs hash to the key of `inputs`.
  std::string entryFor(llvm::StringRef inputs) const;

  /// True when `entry` holds `artifact` (an executable unless said otherwise) and none
  /// of the files the compiler read for it (its -MD dependency file, deps.d) changed
  /// since it was built.
  static bool isFresh(llvm::StringRef entry, llvm::StringRef artifact, bool executable = true);

  /// A private folder to build an entry in before it is published with publish().
  llvm::Expected<std::string> stagingFolder(llvm::StringRef entry) const;
  /// Moves a finished build into place. An entry already there that `isCurrent`
  /// accepts was published by a concurrent mplc (the same build): it is kept, since that
  /// process may be running it, and the staging folder is dropped. A stale one is
  /// replaced.
  static llvm::Error publish(llvm::StringRef staging, llvm::StringRef entry,
                             llvm::function_ref<bool(llvm::StringRef)> isCurrent);

  /// Where the C++ generated from `mplPath` is kept: generated/STEM-HASH.cpp, one per
  /// .mpl path. It stays after the build, since the C++ compiler's messages ("In file
  /// included from …", template errors) name it and must name a file that exists.
  llvm::Expected<std::string> generatedPath(llvm::StringRef mplPath) const;
  /// Writes `cpp` to `path` in one step (another mplc may be compiling the same file),
  /// unless it holds that text already: a build that depends on it stays fresh.
  static llvm::Error writeGenerated(llvm::StringRef path, llvm::StringRef cpp);

private:
  explicit BuildCache(std::string root) : root_(std::move(root)) {}
  std::string root_;
};

}  // namespace mpl
