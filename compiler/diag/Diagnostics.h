// One diagnostics engine for every pass: clang-style messages through
// llvm::SourceMgr (file:line:col, the source line, a caret and ranges), notes that
// point at related places, colours only on a terminal. The error count decides
// mplc's exit status.
#pragma once

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/Twine.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>

#include <string>
#include <vector>

namespace mpl {

class Diagnostics {
public:
  Diagnostics(llvm::SourceMgr &sources, llvm::raw_ostream &out);

  void error(llvm::SMLoc loc, const llvm::Twine &message,
             llvm::ArrayRef<llvm::SMRange> ranges = {});
  void warning(llvm::SMLoc loc, const llvm::Twine &message,
               llvm::ArrayRef<llvm::SMRange> ranges = {});
  void note(llvm::SMLoc loc, const llvm::Twine &message,
            llvm::ArrayRef<llvm::SMRange> ranges = {});
  /// An error about the file as a whole (unreadable, not UTF-8 …), with no source line.
  void fileError(llvm::StringRef path, const llvm::Twine &message);

  unsigned errorCount() const { return errors_; }
  unsigned warningCount() const { return warnings_; }
  bool hasErrors() const { return errors_ != 0; }

  llvm::SourceMgr &sources() { return sources_; }
  void setShowColors(bool show) { showColors_ = show; }
  /// Errors printed before "too many errors emitted"; 0 prints every one (the language
  /// server publishes them all: an editor lists them, it does not scroll past them).
  void setErrorLimit(unsigned limit) { errorLimit_ = limit; }

  /// While one of these lives, diagnostics are counted at once but printed when it
  /// ends, sorted by location, each error or warning followed by its notes: a pass that
  /// visits the file kind by kind still reports in the order of the file.
  class InSourceOrder {
  public:
    explicit InSourceOrder(Diagnostics &diags) : diags_(diags) { diags_.holding_ = true; }
    ~InSourceOrder();
    InSourceOrder(const InSourceOrder &) = delete;
    InSourceOrder &operator=(const InSourceOrder &) = delete;

  private:
    Diagnostics &diags_;
  };

private:
  struct Held {
    llvm::SourceMgr::DiagKind kind;
    llvm::SMLoc loc;
    std::string message;
    std::vector<llvm::SMRange> ranges;
  };

  void report(llvm::SourceMgr::DiagKind kind, llvm::SMLoc loc, const llvm::Twine &message,
              llvm::ArrayRef<llvm::SMRange> ranges);
  void print(llvm::SourceMgr::DiagKind kind, llvm::SMLoc loc, const llvm::Twine &message,
             llvm::ArrayRef<llvm::SMRange> ranges);

  /// Errors printed before "too many errors emitted"; all are still counted.
  unsigned errorLimit_ = 20;

  llvm::SourceMgr &sources_;
  llvm::raw_ostream &out_;
  unsigned printedErrors_ = 0;
  bool showColors_;
  unsigned errors_ = 0;
  unsigned warnings_ = 0;
  bool holding_ = false;
  std::vector<Held> held_;
};

/// The candidate closest to `name` by edit distance, if it is close enough to be a
/// likely typo ("did you mean …?"); empty otherwise.
std::string closestName(llvm::StringRef name, llvm::ArrayRef<std::string> candidates);

}  // namespace mpl
