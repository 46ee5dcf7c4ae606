// mplc: the MPL compiler driver (docs/mplc.md).
//   mplc FILE.mpl [-o OUT]          compile to an executable (default: FILE's stem)
//   mplc run FILE.mpl [-- ARGS…]    compile (cached by content) and run
//   mplc FILE.mpl --emit-cpp | --check | --graph [--stats-from=run.json] [-o F]
//   mplc lsp                        the language server, on stdin/stdout
#include "driver/BuildCache.h"
#include "driver/Frontend.h"
#include "driver/PrecompiledHeader.h"
#include "driver/RenderGraph.h"
#include "driver/Toolchain.h"
#include "emit/CodeGen.h"
#include "emit/Graph.h"
#include "parse/SourceFile.h"
#include "lsp/Server.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FileUtilities.h>
#include <llvm/Support/InitLLVM.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/ToolOutputFile.h>
#include <llvm/Support/WithColor.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace cl = llvm::cl;

namespace {

cl::OptionCategory mplcOptions("mplc options");

cl::list<std::string> positionals(cl::Positional, cl::desc("FILE.mpl [-- PROGRAM-ARGS…]"),
                                  cl::cat(mplcOptions));
cl::opt<std::string> outputPath("o", cl::desc("Write the output to <path>"), cl::value_desc("path"),
                                cl::cat(mplcOptions));
cl::opt<bool> checkOnly("check", cl::desc("Report diagnostics only"), cl::cat(mplcOptions));
cl::opt<bool> emitGraphOption("graph",
                              cl::desc("Write the pipeline as Graphviz DOT (-o FILE.svg, .png, .pdf: rendered by dot)"),
                              cl::cat(mplcOptions));
cl::opt<std::string> statsFrom("stats-from",
                               cl::desc("With --graph: annotate it with a run's --stats=json (items, rates, "
                                        "busy %, the bottleneck)"),
                               cl::value_desc("run.json"), cl::cat(mplcOptions));
cl::opt<bool> emitCppOption("emit-cpp", cl::desc("Write the generated C++"), cl::cat(mplcOptions));
cl::opt<unsigned> optLevel("O", cl::desc("Optimisation level 0-3 (default 2)"), cl::Prefix,
                           cl::init(2), cl::value_desc("level"), cl::cat(mplcOptions));
cl::opt<bool> debugInfo("g", cl::desc("Emit debug information"), cl::cat(mplcOptions));
cl::list<std::string> includeDirs("I", cl::desc("Add a header search folder"), cl::Prefix,
                                  cl::value_desc("dir"), cl::cat(mplcOptions));
cl::list<std::string> libraryDirs("L", cl::desc("Add a library search folder"), cl::Prefix,
                                  cl::value_desc("dir"), cl::cat(mplcOptions));
cl::list<std::string> libraries("l", cl::desc("Link a library"), cl::Prefix,
                                cl::value_desc("lib"), cl::cat(mplcOptions));
cl::opt<std::string> cxxPath("cxx", cl::desc("C++ compiler (default: $CXX, then c++)"),
                             cl::value_desc("path"), cl::cat(mplcOptions));
cl::opt<bool> linkStatic("static",
                         cl::desc("Link statically (fastest start-up; see docs/mplc.md)"),
                         cl::cat(mplcOptions));
cl::opt<bool> mpiOption("mpi",
                        cl::desc("Build for MPI: run the program under mpirun or srun, over several "
                                 "machines (docs/distributed.md)"),
                        cl::cat(mplcOptions));
cl::opt<bool> noPch("no-pch",
                    cl::desc("Do not use a precompiled runtime header (also MPL_NO_PCH=1)"),
                    cl::cat(mplcOptions));
cl::opt<std::string> cxxFlags("cxxflags", cl::desc("Extra flags for the C++ compiler"),
                              cl::value_desc("flags"), cl::cat(mplcOptions));

cl::opt<unsigned> errorLimit("error-limit",
                             cl::desc("Stop printing errors after <n> (default 20; 0: no limit)"),
                             cl::init(mpl::Diagnostics::defaultErrorLimit), cl::value_desc("n"),
                             cl::cat(mplcOptions));
cl::opt<unsigned> warningLimit("warning-limit",
                               cl::desc("Print at most <n> warnings (default 20; 0: no limit)"),
                               cl::init(mpl::Diagnostics::defaultWarningLimit),
                               cl::value_desc("n"), cl::cat(mplcOptions));

enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "mplc") << message << "\n";
  return Failure;
}

int fail(llvm::Error error) { return fail(llvm::toString(std::move(error))); }

int usageError(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "mplc") << message << "\n";
  llvm::errs() << "Run 'mplc --help' for usage.\n";
  return Usage;
}

mpl::BuildOptions buildOptions() {
  mpl::BuildOptions options;
  options.optLevel = optLevel;
  options.debugInfo = debugInfo;
  options.includeDirs = includeDirs;
  options.libraryDirs = libraryDirs;
  options.libraries = libraries;
  options.cxx = cxxPath;
  options.cxxflags = cxxFlags;
  options.linkStatic = linkStatic;
  options.mpi = mpiOption;
  auto noPchEnv = llvm::sys::Process::GetEnv("MPL_NO_PCH");
  options.precompiledHeader = !noPch && !(noPchEnv && !noPchEnv->empty() && *noPchEnv != "0");
  return options;
}

/// Writes text to -o, or to standard output.
int writeOutput(const std::string &text) {
  std::error_code ec;
  llvm::ToolOutputFile out(outputPath.empty() ? std::string("-") : outputPath.getValue(), ec,
                           llvm::sys::fs::OF_Text);
  if (ec) return fail("cannot write '" + outputPath + "': " + ec.message());
  out.os() << text;
  out.keep();
  return Success;
}

/// --graph: DOT to -o or stdout, or rendered by Graphviz when -o's extension asks for
/// it; annotated with a run's figures under --stats-from.
int writeGraph(const mpl::ast::File &file) {
  std::optional<mpl::GraphStats> stats;
  if (!statsFrom.empty()) {
    auto text = llvm::MemoryBuffer::getFile(statsFrom);
    if (!text) return fail("cannot read '" + statsFrom + "': " + text.getError().message());
    auto parsed = mpl::parseGraphStats((*text)->getBuffer());
    if (!parsed) return fail("'" + statsFrom + "': " + llvm::toString(parsed.takeError()));
    bool matches = false;
    for (const auto &stage : file.stages) matches = matches || parsed->stages.count(stage->name.text);
    if (!matches) return fail("'" + statsFrom + "' names none of the stages of '" + file.path + "'");
    stats = std::move(*parsed);
  }
  std::string dot;
  llvm::raw_string_ostream out(dot);
  mpl::emitGraph(file, out, stats ? &*stats : nullptr);
  auto format = mpl::graphFormatFor(outputPath);
  if (!format && mpl::isUnrenderedImage(outputPath))
    return fail("mplc renders graphs as .svg, .png or .pdf; for '" + outputPath +
                "', write the DOT text (-o FILE.dot) and run Graphviz's dot yourself");
  if (!format) return writeOutput(out.str());
  std::string error;
  if (!mpl::renderGraph(out.str(), outputPath, *format, error)) return fail(error);
  return Success;
}

/// Where the generated C++ goes: a file of its own in the cache, kept after the build
/// so that the compiler's messages never name a file that is gone. Without a cache
/// folder, a temporary file, kept when the build fails.
struct GeneratedFile {
  std::string path;
  bool temporary = false;
};

llvm::Expected<GeneratedFile> writeGenerated(const mpl::BuildCache *cache, llvm::StringRef mplPath,
                                             llvm::function_ref<std::string(llvm::StringRef)> generate) {
  if (cache) {
    auto path = cache->generatedPath(mplPath);  // before the text: its #line names it
    if (!path) return path.takeError();
    if (llvm::Error error = mpl::BuildCache::writeGenerated(*path, generate(*path)))
      return error;
    return GeneratedFile{*path, false};
  }
  llvm::SmallString<128> cppPath;
  if (auto ec = llvm::sys::fs::createTemporaryFile("mplc-" + llvm::sys::path::stem(mplPath), "cpp", cppPath))
    return mpl::driverError("cannot create a temporary file: " + ec.message());
  std::error_code ec;
  llvm::raw_fd_ostream out(cppPath, ec);
  if (ec) return mpl::driverError("cannot write '" + cppPath + "': " + ec.message());
  out << generate(cppPath);
  return GeneratedFile{cppPath.str().str(), true};
}

/// Generates the C++ for `file` and compiles it to `executable`.
int build(mpl::Frontend &frontend, const mpl::ast::File &file, llvm::StringRef mplPath,
          llvm::StringRef executable, llvm::StringRef depFile) {
  auto runtime = mpl::findRuntime();
  if (!runtime) return fail(runtime.takeError());
  // Without a cache folder: a temporary file and no precompiled header.
  auto cache = mpl::BuildCache::open();
  if (!cache) llvm::consumeError(cache.takeError());
  const mpl::BuildCache *cacheFolder = cache ? &*cache : nullptr;
  auto generated = writeGenerated(cacheFolder, mplPath, [&](llvm::StringRef cppPath) {
    return mpl::generateCpp(file, frontend.sources(), {mplPath.str(), cppPath.str()});
  });
  if (!generated) return fail(generated.takeError());
  std::vector<std::string> pchFlags;
  if (cacheFolder) pchFlags = mpl::precompiledRuntimeHeader(buildOptions(), *runtime, *cacheFolder);
  auto command = mpl::compileCommand(buildOptions(), *runtime, mplPath, generated->path,
                                     executable, depFile, pchFlags);
  if (!command) return fail(command.takeError());
  auto succeeded = mpl::runCompiler(*command);
  if (!succeeded) return fail(succeeded.takeError());
  if (!*succeeded)
    return fail("the C++ compiler failed on the code generated from '" + mplPath + "' (kept in '" +
                generated->path + "')");
  if (generated->temporary) llvm::sys::fs::remove(generated->path);
  return Success;
}

int compileToExecutable(mpl::Frontend &frontend, const mpl::ast::File &file, llvm::StringRef mplPath) {
  std::string executable = outputPath.empty() ? llvm::sys::path::stem(mplPath).str() : outputPath.getValue();
  return build(frontend, file, mplPath, executable, "");
}

/// `mplc run`: build into the cache unless an up-to-date build is there, then exec it.
int compileAndRun(llvm::StringRef mplPath, const std::vector<std::string> &programArgs) {
  auto cache = mpl::BuildCache::open();
  if (!cache) return fail(cache.takeError());
  auto runtime = mpl::findRuntime();
  if (!runtime) return fail(runtime.takeError());
  std::string error;
  auto source = mpl::readSourceFile(mplPath, error);
  if (!source) return fail("'" + mplPath + "' " + error);

  std::string stem = llvm::sys::path::stem(mplPath).str();
  std::string key = mpl::buildFingerprint(buildOptions(), *runtime) + mplPath.str() + "\n" +
                    source->getBuffer().str();
  std::string entry = cache->entryFor(key);
  if (!mpl::BuildCache::isFresh(entry, stem)) {
    mpl::Frontend frontend(llvm::errs());
    frontend.diagnostics().setLimits(errorLimit, warningLimit);
    auto file = frontend.loadText(source->getBuffer(), mplPath);
    if (!file) return Failure;
    auto staging = cache->stagingFolder(entry);
    if (!staging) return fail(staging.takeError());
    std::string executable = *staging + "/" + stem;
    if (int status = build(frontend, *file, mplPath, executable, *staging + "/deps.d")) {
      llvm::sys::fs::remove_directories(*staging);
      return status;
    }
    auto current = [&](llvm::StringRef folder) { return mpl::BuildCache::isFresh(folder, stem); };
    if (llvm::Error error = mpl::BuildCache::publish(*staging, entry, current))
      return fail(std::move(error));
  }

  std::string executable = entry + "/" + stem;
  std::vector<char *> argv;
  argv.push_back(stem.data());
  for (const auto &arg : programArgs) argv.push_back(const_cast<char *>(arg.c_str()));
  argv.push_back(nullptr);
  ::execv(executable.c_str(), argv.data());
  return fail("cannot run '" + executable + "': " + std::strerror(errno));
}

/// `mplc lsp`: the Language Server Protocol on standard input and output.
int serveLanguageProtocol() {
  mpl::lsp::Transport transport(STDIN_FILENO, stdout);
  mpl::lsp::Server server(transport);
  int status = server.run();
  // The reader thread may still be blocked in read(): end the process here rather than
  // run destructors under it.
  std::fflush(stdout);
  std::_Exit(status);
}

}  // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  if (argc == 2 && std::strcmp(argv[1], "lsp") == 0) return serveLanguageProtocol();
  bool runMode = argc > 1 && std::strcmp(argv[1], "run") == 0;
  std::vector<const char *> args(argv, argv + argc);
  if (runMode) args.erase(args.begin() + 1);

  cl::HideUnrelatedOptions(mplcOptions);
  cl::SetVersionPrinter([](llvm::raw_ostream &out) { out << "mplc " MPL_VERSION "\n"; });
  if (!cl::ParseCommandLineOptions(static_cast<int>(args.size()), args.data(),
                                   "MPL compiler: .mpl pipelines to multi-process executables\n\n"
                                   "  mplc FILE.mpl [-o OUT]          compile to an executable\n"
                                   "  mplc run FILE.mpl [-- ARGS...]  compile (cached) and run\n"
                                   "  mplc FILE.mpl --emit-cpp | --check | --graph [--stats-from=run.json] [-o FILE]\n"

                                   "  mplc lsp                        the language server (stdio)\n",
                                   &llvm::errs()))
    return Usage;

  if (positionals.empty()) return usageError("no input file; usage: mplc FILE.mpl [options]");
  if (optLevel > 3) return usageError("-O" + llvm::Twine(optLevel) + " is not an optimisation level; use -O0 to -O3");
  std::string mplPath = positionals.front();
  std::vector<std::string> rest(positionals.begin() + 1, positionals.end());
  if (!runMode && !rest.empty())
    return usageError("unexpected argument '" + rest.front() + "'; mplc takes one .mpl file");
  if (checkOnly + emitGraphOption + emitCppOption + runMode > 1)
    return usageError("choose one of run, --check, --graph and --emit-cpp");
  if (!statsFrom.empty() && !emitGraphOption) return usageError("--stats-from needs --graph");
  if (runMode) {
    if (!outputPath.empty()) return usageError("'mplc run' does not take -o");
    return compileAndRun(mplPath, rest);
  }

  mpl::Frontend frontend(llvm::errs());
  frontend.diagnostics().setLimits(errorLimit, warningLimit);
  std::unique_ptr<mpl::ast::File> file = frontend.load(mplPath);
  if (!file) return Failure;
  if (checkOnly) return Success;
  if (emitGraphOption) return writeGraph(*file);
  if (emitCppOption)
    return writeOutput(mpl::generateCpp(*file, frontend.sources(), {mplPath, outputPath.getValue()}));
  return compileToExecutable(frontend, *file, mplPath);
}
