// One run of the front-end over a document's text, kept for the requests that follow:
// the diagnostics as the language server publishes them, and an index of every name
// the file declares with each place it is used — in headers (inputs, outputs, counts)
// and inside C++ blocks (cppIdentifiers) — for hover, definition, references, rename.
// Offsets are bytes into the analysed text; TextDocument turns them into positions.
#pragma once

#include "ast/AST.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallVector.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/Support/SourceMgr.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mpl::lsp {

struct Span {
  std::size_t begin = 0, end = 0;
  bool contains(std::size_t offset) const { return begin <= offset && offset <= end; }
};

struct Diagnostic {
  enum class Severity { Error = 1, Warning = 2, Note = 3 };
  Severity severity;
  Span span;
  std::string message;
  struct Related {
    Span span;
    std::string message;
  };
  std::vector<Related> notes;
  /// The name a "did you mean 'x'?" proposes for `span`; empty when there is none.
  std::string suggestion;
};

struct Declaration {
  enum class Kind { Param, Queue, Pipe, Shared, Stage, Pool, Item };
  Kind kind;
  std::string name;
  Span nameSpan;
  Span declSpan;        // the whole declaration (a stage's up to its body)
  const void *node;     // the ast:: declaration; for an Item, its StageDecl
  Span scope;           // an Item's stage; empty for file-wide names
};

const char *kindName(Declaration::Kind kind);  // "queue", "pool", "item" …

struct Occurrence {
  Span span;
  unsigned declaration;  // index into Analysis::declarations
  bool isDeclaration;
};

class Analysis {
public:
  /// Errors (and warnings) listed for one file; past it, one "too many errors" at 1:1.
  static constexpr unsigned editorErrorLimit = 1000;

  /// Parses and checks `text`; `path` names it in the AST and in C++ #line directives.
  Analysis(std::string text, std::string path);

  const std::string &text() const { return text_; }
  const std::string &path() const { return path_; }
  /// Null when the file has syntax errors (checks did not run).
  const ast::File *file() const { return file_.get(); }
  bool hasErrors() const { return errors_ != 0; }
  const llvm::SourceMgr &sources() const { return sources_; }

  const std::vector<Diagnostic> &diagnostics() const { return diagnostics_; }
  const std::vector<Declaration> &declarations() const { return declarations_; }
  const std::vector<Occurrence> &occurrences() const { return occurrences_; }

  /// The occurrence of a declared name at `offset` (its start, inside it or its end).
  const Occurrence *occurrenceAt(std::size_t offset) const;
  std::vector<const Occurrence *> occurrencesOf(unsigned declaration) const;
  /// The file-wide declaration named `name`.
  std::optional<unsigned> lookup(llvm::StringRef name) const;
  /// Stages and pools that write (outputs) or read (inputs) queue `name`.
  std::vector<const ast::StageDecl *> writersOf(llvm::StringRef name) const;
  std::vector<const ast::StageDecl *> readersOf(llvm::StringRef name) const;

  std::size_t offsetOf(llvm::SMLoc loc) const;
  Span spanOf(llvm::SMRange range) const { return {offsetOf(range.Start), offsetOf(range.End)}; }

private:
  void collect(const llvm::SMDiagnostic &diag);
  void index();
  void declare(Declaration::Kind kind, const ast::Name &name, llvm::SMRange declRange,
               const void *node, Span scope = {});
  void use(const ast::Name &name);
  void useInBlock(const ast::CppBlock &block, const ast::StageDecl *stage);

  std::string text_, path_;
  llvm::SourceMgr sources_;
  std::unique_ptr<ast::File> file_;
  unsigned errors_ = 0;
  std::vector<Diagnostic> diagnostics_;
  std::vector<Declaration> declarations_;
  std::vector<Occurrence> occurrences_;  // sorted by position once indexed
  llvm::DenseMap<const void *, llvm::SmallVector<unsigned, 1>> itemsOf_;  // by stage
  llvm::StringMap<unsigned> fileWide_;   // name → declaration, for 5,000-stage files
};

}  // namespace mpl::lsp
