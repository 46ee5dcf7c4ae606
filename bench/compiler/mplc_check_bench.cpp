// mplc-check-bench: times `mplc --check` on a generated program of many stages (the
// target: under a second for 5,000 stages) and, for comparison, the same front-end in-process
// (parse and checks without process start-up and file reading).
//
//   mplc-check-bench --mplc PATH [--stages 5000] [--runs 5] [--keep FILE.mpl]
//
// Exits 1 when mplc does not accept the program, so that CTest can run it as a test.
#include "PipelineGenerator.h"
#include "driver/Frontend.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/Format.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <chrono>
#include <vector>

namespace cl = llvm::cl;

namespace {

cl::opt<std::string> mplcPath("mplc", cl::desc("The mplc to time"), cl::Required);
cl::opt<unsigned> stageCount("stages", cl::desc("Stages in the generated program"),
                             cl::init(5000));
cl::opt<unsigned> runs("runs", cl::desc("Timed runs (the minimum and median are reported)"),
                       cl::init(5));
cl::opt<std::string> keepPath("keep", cl::desc("Write the generated program here and keep it"));

struct Summary {
  double min, median;
};

Summary summarise(std::vector<double> seconds) {
  std::sort(seconds.begin(), seconds.end());
  return {seconds.front(), seconds[seconds.size() / 2]};
}

template <typename F> double secondsOf(F &&work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "Times mplc --check on a generated program\n");
  if (runs == 0) runs = 1;

  std::string program;
  llvm::raw_string_ostream programStream(program);
  mpl::bench::writePipeline(programStream, stageCount);

  llvm::SmallString<128> path(keepPath);
  if (path.empty()) {
    if (auto ec = llvm::sys::fs::createTemporaryFile("mplc-bench", "mpl", path)) {
      llvm::errs() << "cannot create a temporary file: " << ec.message() << "\n";
      return 2;
    }
  }
  {
    std::error_code ec;
    llvm::raw_fd_ostream file(path, ec);
    if (ec) {
      llvm::errs() << "cannot write " << path << ": " << ec.message() << "\n";
      return 2;
    }
    file << program;
  }
  llvm::SmallString<128> errorsPath;
  llvm::sys::fs::createTemporaryFile("mplc-bench", "err", errorsPath);

  unsigned chains = (stageCount + mpl::bench::stagesPerChain - 1) / mpl::bench::stagesPerChain;
  llvm::outs() << chains * mpl::bench::stagesPerChain << " stages in " << chains << " chains, "
               << llvm::format("%.2f", program.size() / 1e6) << " MB: " << path << "\n";

  std::vector<double> processTimes;
  for (unsigned i = 0; i < runs; ++i) {
    int status = 0;
    llvm::Optional<llvm::StringRef> redirects[] = {llvm::StringRef(""), llvm::StringRef(""),
                                                   llvm::StringRef(errorsPath)};
    processTimes.push_back(secondsOf([&] {
      status = llvm::sys::ExecuteAndWait(mplcPath, {mplcPath, path, "--check"}, llvm::None,
                                         redirects);
    }));
    if (status != 0) {
      llvm::errs() << "mplc --check exited " << status << " on " << path << ":\n";
      if (auto errors = llvm::MemoryBuffer::getFile(errorsPath))
        llvm::errs() << (*errors)->getBuffer().take_front(4000);
      return 1;
    }
  }

  std::vector<double> inProcessTimes;
  for (unsigned i = 0; i < runs; ++i) {
    std::string diagnostics;
    llvm::raw_string_ostream diagnosticsStream(diagnostics);
    mpl::Frontend frontend(diagnosticsStream);
    bool ok = true;
    inProcessTimes.push_back(secondsOf([&] { ok = frontend.loadText(program, path) != nullptr; }));
    if (!ok) {
      llvm::errs() << diagnostics.substr(0, 4000);
      return 1;
    }
  }

  Summary process = summarise(processTimes), inProcess = summarise(inProcessTimes);
  llvm::outs() << llvm::format("mplc --check:           min %.3f s, median %.3f s (%u runs)\n",
                               process.min, process.median, unsigned(runs))
               << llvm::format("front-end in-process:   min %.3f s, median %.3f s\n",
                               inProcess.min, inProcess.median);
  llvm::sys::fs::remove(errorsPath);
  if (keepPath.empty()) llvm::sys::fs::remove(path);
  return 0;
}
