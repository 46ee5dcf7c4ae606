// The cache behind `mplc run`: executables keyed by the content of the .mpl file and
// everything else that decides the build, so an unchanged program starts at once.
#pragma once

#include <llvm/ADT/STLFunctionalExtras.h>
#include <llvm/ADT/StringRef.h>

#include <optional>
#include <string>

namespace mpl {

class BuildCache {
public:
  /// $XDG_CACHE_HOME/mpl, else ~/.cache/mpl; created when missing.
  static std::optional<BuildCache> open(std::string &error);

  /// The folder for a build whose inputs hash to the key of `inputs`.
  std::string entryFor(llvm::StringRef inputs) const;

  /// True when `entry` holds `executable` and none of the files the compiler read for
  /// it (its -MD dependency file) changed since it was built.
  static bool isFresh(llvm::StringRef entry, llvm::StringRef executable);

  /// A private folder to build an entry in before it is published with publish().
  std::optional<std::string> stagingFolder(llvm::StringRef entry, std::string &error) const;
  /// Moves a finished build into place. An entry already there that `isCurrent`
  /// accepts was published by a concurrent mplc (the same build): it is kept, since that
  /// process may be running it, and the staging folder is dropped. A stale one is
  /// replaced.
  static bool publish(llvm::StringRef staging, llvm::StringRef entry,
                      llvm::function_ref<bool(llvm::StringRef)> isCurrent, std::string &error);

private:
  explicit BuildCache(std::string root) : root_(std::move(root)) {}
  std::string root_;
};

}  // namespace mpl
