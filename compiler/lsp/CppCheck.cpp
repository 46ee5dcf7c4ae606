#include "lsp/CppCheck.h"

#include "driver/BuildCache.h"
#include "driver/PrecompiledHeader.h"
#include "driver/Toolchain.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FileUtilities.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/raw_ostream.h>

#include <csignal>

namespace mpl::lsp {

CppCheck::CppCheck(Done done, std::chrono::milliseconds delay)
    : done_(std::move(done)), delay_(delay), thread_([this] { loop(); }) {}

CppCheck::~CppCheck() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    cancelRunning_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void CppCheck::schedule(CppCheckJob job) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_ == job.uri) cancelRunning_ = true;
  std::string uri = job.uri;
  pending_[uri] = {std::move(job), std::chrono::steady_clock::now() + delay_};
  wake_.notify_all();
}

void CppCheck::cancel(const std::string &uri) {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.erase(uri);
  if (running_ == uri) cancelRunning_ = true;
}

void CppCheck::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (pending_.empty()) {
      wake_.wait(lock);
      continue;
    }
    auto next = pending_.begin();
    for (auto it = pending_.begin(); it != pending_.end(); ++it)
      if (it->second.due < next->second.due) next = it;
    if (std::chrono::steady_clock::now() < next->second.due) {
      wake_.wait_until(lock, next->second.due);
      continue;  // re-read: a newer request may have moved the deadline
    }
    CppCheckJob job = std::move(next->second.job);
    pending_.erase(next);
    running_ = job.uri;
    cancelRunning_ = false;
    lock.unlock();
    std::vector<CompilerMessage> messages;
    bool finished = run(job, messages);
    lock.lock();
    bool cancelled = cancelRunning_;
    running_.clear();
    if (finished && !cancelled) {
      lock.unlock();
      done_(job, std::move(messages));
      lock.lock();
    }
  }
}

namespace {
/// The compiler, flags and precompiled header `mplc` itself would use.
llvm::Expected<mpl::CompileCommand> syntaxOnlyCommand(const std::string &mplPath,
                                                      const std::string &cppPath) {
  auto runtime = mpl::findRuntime();
  if (!runtime) return runtime.takeError();
  mpl::BuildOptions options;
  std::vector<std::string> pchFlags;
  if (auto cache = mpl::BuildCache::open())
    pchFlags = mpl::precompiledRuntimeHeader(options, *runtime, *cache);
  else
    llvm::consumeError(cache.takeError());  // no cache folder: no precompiled header
  auto command = mpl::compilerInvocation(options, *runtime);
  if (!command) return command.takeError();
  command->insertAfterCompiler(pchFlags);
  auto &args = command->arguments;
  // clang's columns are bytes already, and it names the caret option differently.
  if (command->isGcc())
    args.insert(args.end(), {"-fdiagnostics-column-unit=byte", "-fno-diagnostics-show-caret"});
  else
    args.push_back("-fno-caret-diagnostics");
  command->addSourceFolder(mplPath);
  args.insert(args.end(), {"-fsyntax-only", "-fdiagnostics-color=never", cppPath});
  return command;
}
}  // namespace

bool CppCheck::run(const CppCheckJob &job, std::vector<CompilerMessage> &messages) {
  llvm::SmallString<128> cppPath, errPath;
  if (llvm::sys::fs::createTemporaryFile("mpl-lsp", "cpp", cppPath) ||
      llvm::sys::fs::createTemporaryFile("mpl-lsp", "err", errPath))
    return false;
  llvm::FileRemover removeCpp(cppPath), removeErr(errPath);
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(cppPath, ec);
    if (ec) return false;
    out << job.cpp;
  }
  auto found = syntaxOnlyCommand(job.mplPath, cppPath.str().str());
  if (!found) {
    messages.push_back({1, 1, 2, "C++ bodies not checked: " + llvm::toString(found.takeError())});
    return true;
  }
  const mpl::CompileCommand &command = *found;
  std::string error;
  std::vector<llvm::StringRef> argv(command.arguments.begin(), command.arguments.end());
  llvm::Optional<llvm::StringRef> redirects[] = {llvm::StringRef(""), llvm::StringRef(""), llvm::StringRef(errPath)};
  bool failed = false;
  llvm::sys::ProcessInfo child =
      llvm::sys::ExecuteNoWait(command.program, argv, llvm::None, redirects, 0, &error, &failed);
  if (failed) {
    messages.push_back({1, 1, 2, "C++ bodies not checked: " + error});
    return true;
  }
  for (;;) {  // poll, so that a cancellation can kill the compiler
    llvm::sys::ProcessInfo state = llvm::sys::Wait(child, 0, /*WaitUntilTerminates=*/false);
    if (state.Pid == child.Pid) break;
    bool cancelled;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cancelled = cancelRunning_;
    }
    if (cancelled) {
      ::kill(child.Pid, SIGKILL);
      llvm::sys::Wait(child, 0, /*WaitUntilTerminates=*/true);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto output = llvm::MemoryBuffer::getFile(errPath);
  if (output) messages = parseCompilerOutput((*output)->getBuffer().str(), job.mplPath);
  return true;
}

std::vector<CompilerMessage> parseCompilerOutput(const std::string &output, const std::string &mplPath) {
  std::vector<CompilerMessage> messages;
  llvm::SmallVector<llvm::StringRef, 32> lines;
  llvm::StringRef(output).split(lines, '\n');
  for (llvm::StringRef line : lines) {
    // PATH:LINE:COL: error|warning|note|fatal error: MESSAGE
    if (!line.startswith(mplPath + ":")) continue;
    llvm::StringRef rest = line.drop_front(mplPath.size() + 1);
    auto [lineText, afterLine] = rest.split(':');
    auto [columnText, afterColumn] = afterLine.split(':');
    unsigned lineNo, column;
    if (lineText.getAsInteger(10, lineNo) || columnText.getAsInteger(10, column)) continue;
    llvm::StringRef body = afterColumn.ltrim();
    int severity = 0;
    for (auto [prefix, level] : {std::pair<llvm::StringRef, int>{"error: ", 1}, {"fatal error: ", 1}, {"warning: ", 2}})
      if (body.startswith(prefix)) severity = level, body = body.drop_front(prefix.size());
    if (severity == 0) continue;  // notes, "In function …" lines
    messages.push_back({lineNo, column, severity, body.str()});
  }
  return messages;
}

}  // namespace mpl::lsp
