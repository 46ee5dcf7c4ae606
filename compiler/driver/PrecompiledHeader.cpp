#include "driver/PrecompiledHeader.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>

namespace mpl {
namespace fs = llvm::sys::fs;

namespace {
bool isGcc(const std::string &program) {
  llvm::SmallString<256> real;
  if (fs::real_path(program, real)) real = program;
  return !llvm::sys::path::filename(real).contains("clang");
}
}  // namespace

std::string precompiledRuntimeHeader(const BuildOptions &options, const RuntimeLocation &runtime,
                                     const BuildCache &cache) {
  if (!options.precompiledHeader) return "";
  auto found = compilerInvocation(options, runtime);
  if (!found) {  // no precompiled header: the build itself reports the missing compiler
    llvm::consumeError(found.takeError());
    return "";
  }
  CompileCommand &invocation = *found;
  if (!isGcc(invocation.program)) return "";

  // "from the runtime's header": entries made from a copy of it are not reused.
  std::string key = "precompiled mpl.hpp from the runtime's header\n" + fileStamp(invocation.program) + "\n" +
                    llvm::join(invocation.arguments, " ") + "\n" + runtimeHeadersStamp(runtime);
  std::string entry = cache.entryFor(key);
  auto precompiled = [](llvm::StringRef folder) {
    llvm::SmallString<256> path(folder);
    llvm::sys::path::append(path, "mpl", "mpl.hpp.gch");
    return path;
  };
  if (fs::exists(precompiled(entry))) return entry;

  auto staging = cache.stagingFolder(entry);
  if (!staging) {
    llvm::consumeError(staging.takeError());
    return "";
  }
  // GCC looks for mpl/mpl.hpp.gch in each include folder before mpl/mpl.hpp, so the
  // .gch alone is enough here. It is made from the runtime's own header, not a copy:
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
    return status == 0 ? entry : "";
  }
  auto current = [&](llvm::StringRef folder) { return fs::exists(precompiled(folder)); };
  if (llvm::Error error = BuildCache::publish(*staging, entry, current)) {
    llvm::consumeError(std::move(error));
    return "";
  }
  return entry;
}

}  // namespace mpl
