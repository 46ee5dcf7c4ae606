#include "driver/Toolchain.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/Program.h>

#include <algorithm>

namespace mpl {
namespace {

bool exists(const llvm::Twine &path) { return llvm::sys::fs::exists(path); }

std::vector<std::string> splitWords(llvm::StringRef text) {
  llvm::SmallVector<llvm::StringRef, 8> words;
  text.split(words, ' ', -1, /*KeepEmpty=*/false);
  std::vector<std::string> result;
  for (auto word : words) result.push_back(word.trim().str());
  return result;
}


}  // namespace

std::string fileStamp(const std::string &path) {
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(path, status)) return path + "@missing";
  return path + "@" + std::to_string(status.getSize()) + "@" +
         std::to_string(status.getLastModificationTime().time_since_epoch().count());
}

llvm::Error driverError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<RuntimeLocation> findRuntime() {
  static int anchor;
  std::string executable = llvm::sys::fs::getMainExecutable("mplc", &anchor);
  llvm::SmallString<256> prefix(llvm::sys::path::parent_path(llvm::sys::path::parent_path(executable)));

  if (auto home = llvm::sys::Process::GetEnv("MPL_HOME")) prefix = *home;
  llvm::SmallString<256> include(prefix), library(prefix);
  llvm::sys::path::append(include, MPL_INSTALL_INCLUDEDIR);
  llvm::sys::path::append(library, MPL_INSTALL_LIBDIR, "libmplrt.a");
  if (exists(include + "/mpl/mpl.hpp") && exists(library)) {
    llvm::SmallString<256> mpiLibrary(llvm::sys::path::parent_path(library));
    llvm::sys::path::append(mpiLibrary, "libmplrt-mpi.a");
    return RuntimeLocation{include.str().str(), library.str().str(),
                           exists(mpiLibrary) ? mpiLibrary.str().str() : std::string()};
  }

  if (exists(llvm::Twine(MPL_BUILD_RUNTIME_INCLUDE) + "/mpl/mpl.hpp") && exists(MPL_BUILD_RUNTIME_LIB))
    return RuntimeLocation{MPL_BUILD_RUNTIME_INCLUDE, MPL_BUILD_RUNTIME_LIB,
                           exists(MPL_BUILD_RUNTIME_MPI_LIB) ? MPL_BUILD_RUNTIME_MPI_LIB : ""};

  return driverError("cannot find the MPL runtime (mpl/mpl.hpp and libmplrt.a) under '" + prefix +
                     "' or in the build tree '" + MPL_BUILD_RUNTIME_LIB +
                     "'; install MPL with 'cmake --install' or set MPL_HOME to its prefix");
}

std::string CompileCommand::describe() const { return llvm::join(arguments, " "); }

bool CompileCommand::isGcc() const {
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(program, real)) real = program;
  if (llvm::sys::path::filename(real).contains("clang")) return false;
  for (std::size_t i = 1; i < compilerWords && i < arguments.size(); ++i)
    if (llvm::sys::path::filename(arguments[i]).contains("clang")) return false;
  return true;
}

void CompileCommand::insertAfterCompiler(llvm::ArrayRef<std::string> flags) {
  arguments.insert(arguments.begin() + static_cast<std::ptrdiff_t>(compilerWords), flags.begin(),
                   flags.end());
}

void CompileCommand::addSourceFolder(llvm::StringRef mplPath) {
  llvm::SmallString<256> mplDir(llvm::sys::path::parent_path(mplPath));
  if (mplDir.empty()) mplDir = ".";
  arguments.push_back("-iquote" + mplDir.str().str());
}

llvm::Expected<CompileCommand> compilerInvocation(const BuildOptions &options,
                                                  const RuntimeLocation &runtime) {
  std::vector<std::string> cxx = splitWords(options.cxx);
  if (cxx.empty())
    if (auto fromEnv = llvm::sys::Process::GetEnv("CXX")) cxx = splitWords(*fromEnv);
  if (cxx.empty()) cxx = {"c++"};

  CompileCommand command;
  auto path = llvm::sys::findProgramByName(cxx.front());
  if (!path) return driverError("cannot find the C++ compiler '" + cxx.front() + "' (set --cxx or $CXX)");
  command.program = *path;

  if (options.mpi && (runtime.mpiLibrary.empty() || std::string(MPL_MPI_COMPILE_FLAGS).empty()))
    return driverError("--mpi: this MPL was built without MPI (libmplrt-mpi.a is missing); install "
                       "Open MPI (./scripts/setup, or libopenmpi-dev) and rebuild MPL");

  if (options.mpi && options.linkStatic)
    return driverError("--mpi and --static cannot be combined: MPI's libraries are shared objects");

  auto &args = command.arguments;
  args = cxx;
  command.compilerWords = cxx.size();
  args.insert(args.end(), {"-std=c++20", "-O" + std::to_string(options.optLevel), "-pthread"});
  if (options.mpi)  // MPI's headers, and MPL_MPI=1: program::run goes over the ranks
    for (const auto &flag : splitWords(MPL_MPI_COMPILE_FLAGS)) args.push_back(flag);
  if (options.debugInfo) args.push_back("-g");
  for (const auto &dir : options.includeDirs) args.push_back("-I" + dir);
  args.push_back("-I" + runtime.includeDir);
  for (const auto &flag : splitWords(options.cxxflags)) args.push_back(flag);
  return command;
}

llvm::Expected<CompileCommand> compileCommand(const BuildOptions &options,
                                              const RuntimeLocation &runtime,
                                              llvm::StringRef mplPath, llvm::StringRef cppPath,
                                              llvm::StringRef outputPath, llvm::StringRef depFile,
                                              llvm::ArrayRef<std::string> pchFlags) {
  auto command = compilerInvocation(options, runtime);
  if (!command) return command.takeError();
  command->insertAfterCompiler(pchFlags);
  command->addSourceFolder(mplPath);
  auto &args = command->arguments;
  if (!depFile.empty()) args.insert(args.end(), {"-MD", "-MF", depFile.str()});
  args.insert(args.end(), {cppPath.str(), "-o", outputPath.str()});
  if (options.mpi) args.push_back(runtime.mpiLibrary);
  args.push_back(runtime.library);
  if (options.mpi)
    for (const auto &flag : splitWords(MPL_MPI_LINK_FLAGS)) args.push_back(flag);
  for (const auto &dir : options.libraryDirs) args.push_back("-L" + dir);
  for (const auto &lib : options.libraries) args.push_back("-l" + lib);
  // The runtime holds fmt's compiled part: libfmt.so is linked only if the program
  // needs more of it (fmt/os.h, say). Binding every symbol at start-up happens once, in
  // the supervisor, instead of lazily again in each forked stage.
  if (options.linkStatic)  // Debian has no libfmt.a: the runtime's part of fmt must do
    args.insert(args.end(), {"-static", "-pthread"});
  else
    args.insert(args.end(), {"-Wl,--as-needed", "-lfmt", "-Wl,--no-as-needed", "-Wl,-z,now", "-pthread"});
  return command;
}

llvm::Expected<bool> runCompiler(const CompileCommand &command) {
  std::vector<llvm::StringRef> argv(command.arguments.begin(), command.arguments.end());
  std::string message;
  bool failedToRun = false;
  int status = llvm::sys::ExecuteAndWait(command.program, argv, llvm::None, {}, 0, 0,
                                         &message, &failedToRun);
  if (failedToRun) return driverError("could not run '" + command.program + "': " + message);
  if (status < 0) return driverError("the C++ compiler crashed: " + message);
  return status == 0;
}

std::string buildFingerprint(const BuildOptions &options, const RuntimeLocation &runtime) {
  std::string text = "mplc " MPL_VERSION "\n";
  // Appended piece by piece: g++ 12 at -O3 warns -Wrestrict (a false positive, GCC bug
  // 105329) on `"O" + std::to_string(…)`, which inserts in front of a temporary.
  text += 'O';
  text += std::to_string(options.optLevel);
  text += options.debugInfo ? " g" : "";
  text += options.linkStatic ? " static" : "";
  text += options.mpi ? " mpi\n" : "\n";
  for (const auto *list : {&options.includeDirs, &options.libraryDirs, &options.libraries})
    text += llvm::join(*list, ";") + "\n";
  text += options.cxx + "\n" + options.cxxflags + "\n";
  if (auto fromEnv = llvm::sys::Process::GetEnv("CXX")) text += *fromEnv + "\n";
  text += fileStamp(runtime.library) + "\n" + runtimeHeadersStamp(runtime);
  return text;
}

std::string runtimeHeadersStamp(const RuntimeLocation &runtime) {
  std::vector<std::string> stamps;
  std::error_code ec;
  llvm::SmallString<256> folder(runtime.includeDir);
  llvm::sys::path::append(folder, "mpl");
  for (llvm::sys::fs::directory_iterator it(folder, ec), end; it != end && !ec; it.increment(ec))
    if (llvm::sys::path::extension(it->path()) == ".hpp") stamps.push_back(fileStamp(it->path()));
  std::sort(stamps.begin(), stamps.end());
  return llvm::join(stamps, "\n") + "\n";
}

}  // namespace mpl
