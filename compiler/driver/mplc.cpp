// mplc: the MPL compiler driver (spec §8).
//   mplc FILE.mpl [-o OUT]          compile to an executable
//   mplc run FILE.mpl [-- ARGS…]    compile (cached by content) and run
//   mplc FILE.mpl --emit-cpp|--check|--graph
#include "driver/Frontend.h"
#include "emit/Graph.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/InitLLVM.h>
#include <llvm/Support/ToolOutputFile.h>
#include <llvm/Support/WithColor.h>
#include <llvm/Support/raw_ostream.h>

#include <string>
#include <vector>

namespace cl = llvm::cl;

namespace {

cl::OptionCategory mplcOptions("mplc options");

cl::list<std::string> positionals(cl::Positional, cl::desc("FILE.mpl [-- PROGRAM-ARGS…]"),
                                  cl::cat(mplcOptions));
cl::opt<std::string> outputPath("o", cl::desc("Write the output to <path>"),
                                cl::value_desc("path"), cl::cat(mplcOptions));
cl::opt<bool> checkOnly("check", cl::desc("Report diagnostics only"), cl::cat(mplcOptions));
cl::opt<bool> emitGraphOption("graph", cl::desc("Write the pipeline as Graphviz DOT"),
                              cl::cat(mplcOptions));

enum class ExitCode { Success = 0, Diagnostics = 1, Usage = 2 };

int usageError(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "mplc") << message << "\n";
  llvm::errs() << "Run 'mplc --help' for usage.\n";
  return static_cast<int>(ExitCode::Usage);
}

/// Opens `-o` (or stdout) for text output.
std::unique_ptr<llvm::ToolOutputFile> openOutput(std::string &error) {
  std::error_code ec;
  auto file = std::make_unique<llvm::ToolOutputFile>(outputPath.empty() ? std::string("-") : outputPath.getValue(), ec,
                                                      llvm::sys::fs::OF_Text);
  if (ec) {
    error = "cannot write '" + outputPath + "': " + ec.message();
    return nullptr;
  }
  return file;
}

int emitText(const mpl::ast::File &file, void (*emit)(const mpl::ast::File &, llvm::raw_ostream &)) {
  std::string error;
  auto out = openOutput(error);
  if (!out) {
    llvm::WithColor::error(llvm::errs(), "mplc") << error << "\n";
    return static_cast<int>(ExitCode::Diagnostics);
  }
  emit(file, out->os());
  out->keep();
  return static_cast<int>(ExitCode::Success);
}

}  // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(mplcOptions);
  cl::SetVersionPrinter([](llvm::raw_ostream &out) { out << "mplc " MPL_VERSION "\n"; });
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "MPL compiler: .mpl pipelines to multi-process executables\n",
                                   &llvm::errs()))
    return static_cast<int>(ExitCode::Usage);

  if (positionals.empty()) return usageError("no input file; usage: mplc FILE.mpl [options]");
  if (positionals.size() > 1)
    return usageError("unexpected argument '" + positionals[1] + "'; mplc takes one .mpl file");
  if (checkOnly && emitGraphOption) return usageError("--check and --graph cannot be combined");

  mpl::Frontend frontend(llvm::errs());
  std::unique_ptr<mpl::ast::File> file = frontend.load(positionals.front());
  if (!file) return static_cast<int>(ExitCode::Diagnostics);
  if (checkOnly) return static_cast<int>(ExitCode::Success);
  if (emitGraphOption) return emitText(*file, mpl::emitGraph);
  return usageError("nothing to do yet: use --check or --graph");
}
