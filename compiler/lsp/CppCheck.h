// C++ in bodies, checked on save: the generated program is compiled with
// -fsyntax-only (and the precompiled runtime header when there is one), and the
// compiler's errors, which the #line directives place in the .mpl file, are handed
// back by line and column. Runs on its own thread; a check waits `delay` after the last
// request for its document (debounce) and is cancelled — the compiler killed — when a
// newer one arrives, the document changes or closes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mpl::lsp {

struct CompilerMessage {
  unsigned line = 0, column = 0;  // 1-based; column in bytes
  int severity = 1;               // LSP: 1 error, 2 warning, 3 information
  std::string message;
};

struct CppCheckJob {
  std::string uri;
  long version = 0;
  std::string mplPath;  // as #line names it
  std::string cpp;      // the generated program
};

class CppCheck {
public:
  /// `done` runs on the checker's thread with the messages for the job's .mpl file
  /// (none when the program compiles); a cancelled job never reaches it.
  using Done = std::function<void(const CppCheckJob &, std::vector<CompilerMessage>)>;
  CppCheck(Done done, std::chrono::milliseconds delay);
  ~CppCheck();

  void schedule(CppCheckJob job);
  void cancel(const std::string &uri);

private:
  void loop();
  bool run(const CppCheckJob &job, std::vector<CompilerMessage> &messages);

  Done done_;
  std::chrono::milliseconds delay_;
  std::mutex mutex_;
  std::condition_variable wake_;
  struct Pending {
    CppCheckJob job;
    std::chrono::steady_clock::time_point due;
  };
  std::map<std::string, Pending> pending_;
  std::string running_;      // uri of the job being compiled
  bool cancelRunning_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

/// Reads a GCC or clang diagnostic stream, keeping what points into `mplPath`.
std::vector<CompilerMessage> parseCompilerOutput(const std::string &output, const std::string &mplPath);

}  // namespace mpl::lsp
