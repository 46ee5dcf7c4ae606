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
  std::string error;
  CompileCommand invocation = compilerInvocation(options, runtime, error);
  if (!error.empty() || !isGcc(invocation.program)) return "";

  std::string key = "precompiled mpl.hpp\n" + fileStamp(invocation.program) + "\n" +
                    llvm::join(invocation.arguments, " ") + "\n" + runtimeHeadersStamp(runtime);
  std::string entry = cache.entryFor(key);
  auto precompiled = [](llvm::StringRef folder) {
    llvm::SmallString<256> path(folder);
    llvm::sys::path::append(path, "mpl", "mpl.hpp.gch");
    return path;
  };
  if (fs::exists(precompiled(entry))) return entry;

  auto staging = cache.stagingFolder(entry, error);
  if (!staging) return "";
  llvm::SmallString<256> header(*staging);
  llvm::sys::path::append(header, "mpl");
  fs::create_directories(header);
  llvm::sys::path::append(header, "mpl.hpp");
  // GCC uses mpl/mpl.hpp.gch where it finds mpl/mpl.hpp: a copy of the header sits
  // beside it (its own includes still resolve through the runtime's folder).
  if (fs::copy_file(runtime.includeDir + "/mpl/mpl.hpp", header)) {
    fs::remove_directories(*staging);
    return "";
  }
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
  if (!BuildCache::publish(*staging, entry, current, error)) return "";
  return entry;
}

}  // namespace mpl
