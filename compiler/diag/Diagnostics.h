// One diagnostics engine for every pass: clang-style messages through
// llvm::SourceMgr (file:line:col, the source line, a caret and ranges), notes that
// point at related places, colours only on a terminal. The error count decides
// mplc's exit status.
#pragma once

#include "diag/SourceLines.h"

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

  /// Errors and warnings printed at most (clang's -ferror-limit): past `errors`, one
  /// "too many errors emitted" and nothing more; past `warnings`, none, and
  /// printSummary() says how many were left out. 0 means no limit.
  void setLimits(unsigned errors, unsigned warnings) {
    errorLimit_ = errors;
    warningLimit_ = warnings;
  }
  static constexpr unsigned defaultErrorLimit = 20;
  static constexpr unsigned defaultWarningLimit = 20;
  /// "N more warnings not shown", when the warning limit left some out.
  void printSummary();

  unsigned errorCount() const { return errors_; }
  unsigned warningCount() const { return warnings_; }
  bool hasErrors() const { return errors_ != 0; }
  /// More errors than the limit were reported: no further error will be printed, so a
  /// pass that can find any number of them (the lexer, the parser) may stop looking.
  bool pastErrorLimit() const { return errorLimit_ && errors_ > errorLimit_; }

  llvm::SourceMgr &sources() { return sources_; }
  void setShowColors(bool show) { showColors_ = show; }

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
  unsigned errorLimit_ = defaultErrorLimit;
  unsigned warningLimit_ = defaultWarningLimit;

  llvm::SourceMgr &sources_;
  SourceLines lines_{sources_};
  llvm::raw_ostream &out_;
  unsigned printedErrors_ = 0;
  unsigned printedWarnings_ = 0;
  unsigned hiddenWarnings_ = 0;
  bool hidingNotes_ = false;  // the error or warning these notes belong to was not shown
  bool showColors_;
  unsigned errors_ = 0;
  unsigned warnings_ = 0;
  bool holding_ = false;
  std::vector<Held> held_;
};

/// `text` with control characters (C0, DEL and the C1 range U+0080–U+009F) written as
/// \xHH or \u00HH: bytes of a source file must not reach the terminal as escape
/// sequences. Tabs stay when `keepTabs`. `offsets`, if given, receives the offset in
/// the result of each byte of `text`, and of its end.
std::string escapeControls(llvm::StringRef text, bool keepTabs,
                           std::vector<unsigned> *offsets = nullptr);

/// The candidate closest to `name` by edit distance, if it is close enough to be a
/// likely typo ("did you mean …?"); empty otherwise.
std::string closestName(llvm::StringRef name, llvm::ArrayRef<std::string> candidates);

}  // namespace mpl
