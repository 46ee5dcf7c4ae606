#include "driver/PrecompiledHeader.h"

#include <llvm/ADT/ScopeExit.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/Program.h>

#include <unistd.h>

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
  const bool gcc = invocation.isGcc();
  // The program is compiled and linked in one step: -static also predefines clang's
  // __STATIC__, which a .pch made without it refuses.
  if (options.linkStatic) invocation.arguments.push_back("-static");
  // None with GCC's -save-temps (it compiles the preprocessed text, which cannot use a
  // .gch), nor with a response file (@FILE: the key below would not see its content).
  for (std::size_t i = invocation.compilerWords; i < invocation.arguments.size(); ++i) {
    llvm::StringRef arg = invocation.arguments[i];
    if (arg.startswith("-save-temps") || arg.startswith("@")) return {};
  }

  // "from the runtime's header": entries made from a copy of it are not reused.
  std::string key = "precompiled mpl.hpp from the runtime's header\n" + fileStamp(invocation.program) + "\n" +
                    llvm::join(invocation.arguments, " ") + "\n" + runtimeHeadersStamp(runtime);
  std::string entry = cache.entryFor(key);
  const char *name = gcc ? "mpl/mpl.hpp.gch" : "mpl/mpl.hpp.pch";
  auto precompiled = [name](llvm::StringRef folder) {
    llvm::SmallString<256> path(folder);
    llvm::sys::path::append(path, name);
    return path;
  };
  // Every file it was made from (its -MD list: the runtime's, {fmt}'s and the standard
  // library's headers, a user's -include) is older than it: clang refuses a .pch whose
  // inputs changed, so a stale one would fail every build.
  auto current = [name](llvm::StringRef folder) { return BuildCache::isFresh(folder, name, false); };
  // GCC looks for mpl/mpl.hpp.gch in each include folder before mpl/mpl.hpp, so the
  // folder goes first on the include path; clang is told where its .pch is, and the
  // generated #include <mpl/mpl.hpp> is then skipped (#pragma once).
  auto flagsFor = [&](llvm::StringRef folder) -> std::vector<std::string> {
    if (gcc) return {"-I" + folder.str()};
    return {"-include-pch", precompiled(folder).str().str()};
  };
  if (current(entry)) return flagsFor(entry);
  // A configuration it could not be made for (flags the header does not build with) is
  // not tried again on every build: delete the cache folder to try again.
  std::string failed = entry + ".failed";
  if (fs::exists(failed)) return {};

  // One mplc builds it; any other that starts meanwhile (a parallel build of several
  // programs in a fresh cache) compiles from the headers rather than building it again
  // or waiting. The lock is the kernel's: it goes with a process that dies.
  int lockFd = -1;
  if (fs::openFileForWrite(entry + ".lock", lockFd, fs::CD_OpenAlways)) return {};
  auto closeLock = llvm::make_scope_exit([lockFd] { llvm::sys::Process::SafelyCloseFileDescriptor(lockFd); });
  if (fs::tryLockFile(lockFd)) return {};
  if (current(entry)) return flagsFor(entry);  // built while we looked

  auto staging = cache.stagingFolder(entry);
  if (!staging) {
    llvm::consumeError(staging.takeError());
    return {};
  }
  // It is made from the runtime's own header, not a copy: the locations it records (In
  // file included from …/mpl/mpl.hpp) must name a file that exists, and a copy in the
  // staging folder would be gone once it is published.
  llvm::SmallString<256> header(runtime.includeDir), depFile(*staging);
  llvm::sys::path::append(header, "mpl", "mpl.hpp");
  llvm::sys::path::append(depFile, "deps.d");
  fs::create_directories(llvm::sys::path::parent_path(precompiled(*staging)));
  auto &args = invocation.arguments;
  args.insert(args.end(), {"-w", "-x", "c++-header", header.str().str(), "-o", precompiled(*staging).str().str(),
                           "-MD", "-MF", depFile.str().str()});
  std::vector<llvm::StringRef> argv(args.begin(), args.end());
  llvm::Optional<llvm::StringRef> quiet[] = {llvm::None, llvm::StringRef(""), llvm::StringRef("")};
  int status = llvm::sys::ExecuteAndWait(invocation.program, argv, llvm::None, quiet);
  if (status != 0) {
    fs::remove_directories(*staging);
    int markerFd = -1;
    if (status > 0 && !fs::openFileForWrite(failed, markerFd, fs::CD_OpenAlways))  // not when killed
      llvm::sys::Process::SafelyCloseFileDescriptor(markerFd);
    return {};
  }
  // On disk before it is published: a crash must not leave a truncated one in place.
  int pchFd = -1;
  if (!fs::openFileForReadWrite(precompiled(*staging), pchFd, fs::CD_OpenExisting, fs::OF_None)) {
    ::fsync(pchFd);
    llvm::sys::Process::SafelyCloseFileDescriptor(pchFd);
  }
  if (llvm::Error error = BuildCache::publish(*staging, entry, current)) {
    llvm::consumeError(std::move(error));
    return {};
  }
  return flagsFor(entry);
}

}  // namespace mpl
