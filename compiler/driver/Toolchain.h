// Building the generated C++ into an executable: where the runtime is, which C++
// compiler to run, and with which flags (docs/mplc.md).
#pragma once

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace mpl {

struct BuildOptions {
  unsigned optLevel = 2;
  bool debugInfo = false;
  std::vector<std::string> includeDirs;  // -I, after the .mpl file's own folder
  std::vector<std::string> libraryDirs;  // -L
  std::vector<std::string> libraries;    // -l
  std::string cxx;                       // --cxx; empty: $CXX, then c++
  std::string cxxflags;                  // --cxxflags, split on spaces
  bool linkStatic = false;               // --static
  bool mpi = false;                      // --mpi: runs over MPI ranks (docs/distributed.md)
  bool precompiledHeader = true;         // off with --no-pch or MPL_NO_PCH=1
};

/// Where the runtime's headers and library are: next to an installed mplc
/// (PREFIX/bin/mplc → PREFIX/include, PREFIX/lib), else in the build tree.
struct RuntimeLocation {
  std::string includeDir;
  std::string library;  // path of libmplrt.a
  std::string mpiLibrary;  // path of libmplrt-mpi.a; empty when MPL was built without MPI
};
llvm::Expected<RuntimeLocation> findRuntime();

/// The compiler command: argv[0] resolved to a path.
struct CompileCommand {
  std::string program;
  std::vector<std::string> arguments;  // argv, argv[0] included
  /// How many arguments are $CXX's words (`ccache g++ -m64`: 3): flags go after them.
  std::size_t compilerWords = 1;
  std::string describe() const;         // for error messages
  /// Whether the compiler is GCC rather than clang (their flags and precompiled headers
  /// differ), also behind a launcher (`ccache clang++`).
  bool isGcc() const;
  /// Inserts `flags` right after $CXX's words, before every flag of ours or the user's
  /// (a precompiled header's flags must come first; a launcher must stay first).
  void insertAfterCompiler(llvm::ArrayRef<std::string> flags);
  /// Quoted includes resolve against the .mpl file's folder first (docs/mplc.md, "How a
  /// program is built").
  void addSourceFolder(llvm::StringRef mplPath);
};

/// The compiler and the flags every translation unit of a program is compiled with
/// (standard, optimisation, debug info, include folders, --cxxflags): the generated
/// file and the precompiled runtime header alike.
/// An error when the compiler cannot be found.
llvm::Expected<CompileCommand> compilerInvocation(const BuildOptions &options,
                                                  const RuntimeLocation &runtime);

/// Compiles the generated C++ at `cppPath` into `outputPath`. `pchFlags` (see
/// PrecompiledHeader.h) come right after $CXX's words.
llvm::Expected<CompileCommand> compileCommand(const BuildOptions &options,
                                              const RuntimeLocation &runtime,
                                              llvm::StringRef mplPath, llvm::StringRef cppPath,
                                              llvm::StringRef outputPath, llvm::StringRef depFile,
                                              llvm::ArrayRef<std::string> pchFlags);

/// Runs the compiler with inherited stdout/stderr (its diagnostics pass through): true
/// when it succeeded, false when it failed (it said why); an error when it could not
/// run or crashed.
llvm::Expected<bool> runCompiler(const CompileCommand &command);

/// An llvm::Error carrying `message`, for the driver's own failures.
llvm::Error driverError(const llvm::Twine &message);

/// Everything that decides the executable besides the .mpl text: for cache keys.
std::string buildFingerprint(const BuildOptions &options, const RuntimeLocation &runtime);

/// "path@size@mtime" of a file: for cache keys.
std::string fileStamp(const std::string &path);

/// Size and modification time of every runtime header: for cache keys.
std::string runtimeHeadersStamp(const RuntimeLocation &runtime);

}  // namespace mpl
