// `mplc lsp`: a Language Server Protocol 3.17 server on standard input and output.
// One thread reads messages into a queue (so that $/cancelRequest can overtake the
// requests it cancels and a burst of edits is analysed once); the main thread handles
// them in order; the C++ checker reports back through the same queue.
#pragma once

#include "lsp/Analysis.h"
#include "lsp/CppCheck.h"
#include "lsp/TextDocument.h"
#include "lsp/Transport.h"

#include <llvm/ADT/StringMap.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

namespace mpl::lsp {

class Server {
public:
  explicit Server(Transport &transport);
  /// Serves until `exit` (or the end of input); returns the process exit status.
  int run();

private:
  struct Document {
    TextDocument text;
    std::shared_ptr<const Analysis> analysis;  // of the current text; null while stale
    std::shared_ptr<const Analysis> parsed;    // the latest analysis that parsed, for completion
    std::vector<CompilerMessage> cppMessages;  // from the last save, while the text is unchanged
    bool published = false;
  };
  struct Event {
    Incoming incoming;
    std::function<void()> task;  // from the C++ checker, run on the main thread
  };

  void readLoop();
  void post(Event event);
  void handle(Incoming &incoming);
  void handleRequest(const llvm::json::Value &id, llvm::StringRef method, const llvm::json::Object *params);
  void handleNotification(llvm::StringRef method, const llvm::json::Object *params);

  llvm::json::Value initializeResult() const;
  Document *document(const llvm::json::Object *params);
  const Analysis &analyse(Document &doc);
  void publish(Document &doc);
  void publishPending();

  Transport &transport_;
  std::mutex queueMutex_;
  std::condition_variable queueReady_;
  std::deque<Event> queue_;
  std::set<std::string> cancelled_;  // ids (as JSON text) of requests cancelled before handled

  llvm::StringMap<Document> documents_;
  bool initialized_ = false;
  bool shuttingDown_ = false;
  bool exited_ = false;
  std::unique_ptr<CppCheck> cppCheck_;
};

}  // namespace mpl::lsp
