#include "driver/PrecompiledHeader.h"

#include <llvm/ADT/ScopeExit.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/Program.h>

namespace mpl {
namespace fs = llvm::sys::fs;

std::vector<std::string> precompiledRuntimeHeader(const BuildOptions &options, const RuntimeLocation &runtime,
                                     const BuildCache &cache) {
  if (!options.precompiledHeader) return {};
  auto found = compilerInvocation(options, runtime);
  if (!found) {  // no precompiled header: the build itself reports the missing compiler
    llvm::consumeError(found.takeError());
    return {};
  }
  CompileCommand &invocation = *found;
  const bool gcc = isGcc(invocation.program);

  // "from the runtime's header": entries made from a copy of it are not reused.
  std::string key = "precompiled mpl.hpp from the runtime's header\n" + fileStamp(invocation.program) + "\n" +
                    llvm::join(invocation.arguments, " ") + "\n" + runtimeHeadersStamp(runtime);
  std::string entry = cache.entryFor(key);
  auto precompiled = [gcc](llvm::StringRef folder) {
    llvm::SmallString<256> path(folder);
    llvm::sys::path::append(path, "mpl", gcc ? "mpl.hpp.gch" : "mpl.hpp.pch");
    return path;
  };
  // GCC looks for mpl/mpl.hpp.gch in each include folder before mpl/mpl.hpp, so the
  // folder goes first on the include path; clang is told where its .pch is, and the
  // generated #include <mpl/mpl.hpp> is then skipped (#pragma once).
  auto flagsFor = [&](llvm::StringRef folder) -> std::vector<std::string> {
    if (gcc) return {"-I" + folder.str()};
    return {"-include-pch", precompiled(folder).str().str()};
  };
  if (fs::exists(precompiled(entry))) return flagsFor(entry);

  // One mplc builds it; any other that starts meanwhile (a parallel build of several
  // programs in a fresh cache) compiles from the headers rather than building it again
  // or waiting. The lock is the kernel's: it goes with a process that dies.
  int lockFd = -1;
  if (fs::openFileForWrite(entry + ".lock", lockFd, fs::CD_OpenAlways)) return {};
  auto closeLock = llvm::make_scope_exit([lockFd] { llvm::sys::Process::SafelyCloseFileDescriptor(lockFd); });
  if (fs::tryLockFile(lockFd)) return {};
  if (fs::exists(precompiled(entry))) return flagsFor(entry);  // built while we looked

  auto staging = cache.stagingFolder(entry);
  if (!staging) {
    llvm::consumeError(staging.takeError());
    return {};
  }
  // The precompiled header alone is enough here. It is made from the runtime's own header, not a copy:
  // the locations it records (In file included from …/mpl/mpl.hpp) must name a file
  // that exists, and a copy in the staging folder would be gone once it is published.
  llvm::SmallString<256> header(runtime.includeDir);
  llvm::sys::path::append(header, "mpl", "mpl.hpp");
  llvm::SmallString<256> gchFolder(*staging);
  llvm::sys::path::append(gchFolder, "mpl");
  fs::create_directories(gchFolder);
  auto &args = invocation.arguments;
  args.insert(args.end(), {"-w", "-x", "c++-header", header.str().str(), "-o",
                           precompiled(*staging).str().str()});
  std::vector<llvm::StringRef> argv(args.begin(), args.end());
  llvm::Optional<llvm::StringRef> quiet[] = {llvm::None, llvm::StringRef(""), llvm::StringRef("")};
  int status = llvm::sys::ExecuteAndWait(invocation.program, argv, llvm::None, quiet);
  if (status != 0 || fs::exists(precompiled(entry))) {  // failed, or another mplc was first
    fs::remove_directories(*staging);
    return status == 0 ? flagsFor(entry) : std::vector<std::string>{};
  }
  auto current = [&](llvm::StringRef folder) { return fs::exists(precompiled(folder)); };
  if (llvm::Error error = BuildCache::publish(*staging, entry, current)) {
    llvm::consumeError(std::move(error));
    return {};
  }
  return flagsFor(entry);
}

}  // namespace mpl
