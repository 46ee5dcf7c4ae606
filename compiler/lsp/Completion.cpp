// Completion of declared names where the grammar expects one, and of keywords. The
// text being typed rarely parses, so the place is found by reading the text before the
// cursor the way MPL's lexer does (C++ blocks as one balanced unit, comments and
// strings skipped), not from the AST; the names come from the last analysis that did.
#include "lsp/Features.h"
#include "parse/Keywords.h"

#include <llvm/ADT/StringExtras.h>

namespace mpl::lsp {

namespace {

enum class Place { Declaration, Body, Queue, Param, Option, Nothing };

struct Context {
  Place place = Place::Declaration;
  const ast::StageDecl *stage = nullptr;  // for Body: whose items are in scope
  std::size_t bodyStart = 0;
};

bool isWordChar(char c) { return llvm::isAlnum(c) || c == '_'; }

class ContextReader {
public:
  ContextReader(llvm::StringRef text, std::size_t cursor) : s_(text.take_front(cursor)) {}

  Context read() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (s_.substr(i_).startswith("//")) skipPast("\n");
      else if (s_.substr(i_).startswith("/*")) i_ += 2, skipPast("*/");
      else if (c == '"') skipString();
      else if (c == '{') {
        std::size_t open = i_;
        if (!skipBlock()) return {Place::Body, nullptr, open};
        tokens_.push_back("{}");
      } else if (isWordChar(c)) {
        std::size_t start = i_;
        while (i_ < s_.size() && isWordChar(s_[i_])) ++i_;
        if (i_ == s_.size()) break;  // the word being typed
        word(s_.slice(start, i_));
      } else if (s_.substr(i_).startswith("->")) tokens_.push_back("->"), i_ += 2;
      else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') ++i_;
      else tokens_.push_back(std::string(1, c)), ++i_;
    }
    return {place(), nullptr, 0};
  }

private:
  void word(llvm::StringRef w) {
    if (llvm::is_contained(declarationKeywords(), w)) tokens_.clear();  // a new declaration
    tokens_.push_back(w.str());
  }

  Place place() const {
    if (tokens_.empty() || tokens_.back() == "{}") return Place::Declaration;
    llvm::StringRef keyword = tokens_.front();
    llvm::StringRef last = tokens_.back();
    if (keyword == "queue" || keyword == "pipe")
      return last == "capacity" ? Place::Param : Place::Nothing;
    if (keyword != "stage" && keyword != "pool") return Place::Nothing;
    // Inside [ ], ( ) or after -> ?
    int parens = 0, brackets = 0;
    bool arrow = false, closed = false;
    for (const auto &t : tokens_) {
      if (t == "(") ++parens;
      else if (t == ")") --parens, closed = true;
      else if (t == "[") ++brackets;
      else if (t == "]") --brackets;
      else if (t == "->") arrow = true;
    }
    if (brackets > 0) return Place::Param;
    if (parens > 0) return last == "(" || last == "," || last == ":" ? Place::Queue : Place::Nothing;
    if (arrow) return last == "->" || last == "," ? Place::Queue : Place::Option;
    return closed ? Place::Option : Place::Nothing;
  }

  void skipPast(llvm::StringRef end) {
    std::size_t at = s_.find(end, i_);
    i_ = at == llvm::StringRef::npos ? s_.size() : at + end.size();
  }

  void skipString() {
    ++i_;
    while (i_ < s_.size() && s_[i_] != '\n') {
      char c = s_[i_++];
      if (c == '"') return;
      if (c == '\\') ++i_;
    }
  }

  /// A balanced C++ block, as the lexer's scanCppBlock; false when the cursor is inside.
  bool skipBlock() {
    int depth = 0;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '{') ++depth, ++i_;
      else if (c == '}') {
        ++i_;
        if (--depth == 0) return true;
      } else if (c == '"' || c == '\'') {
        char quote = c;
        ++i_;
        while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != quote) i_ += s_[i_] == '\\' ? 2 : 1;
        ++i_;
      } else if (s_.substr(i_).startswith("//")) skipPast("\n");
      else if (s_.substr(i_).startswith("/*")) i_ += 2, skipPast("*/");
      else if (llvm::isDigit(c)) {
        while (i_ < s_.size() && (isWordChar(s_[i_]) || s_[i_] == '.' || (s_[i_] == '\'' && i_ + 1 < s_.size() && isWordChar(s_[i_ + 1])))) ++i_;
      } else ++i_;
    }
    return false;
  }

  llvm::StringRef s_;
  std::size_t i_ = 0;
  std::vector<std::string> tokens_;  // of the declaration being written
};

/// LSP's CompletionItemKind numbers.
int itemKind(Declaration::Kind kind) {
  switch (kind) {
  case Declaration::Kind::Param: return 21;  // Constant
  case Declaration::Kind::Queue:
  case Declaration::Kind::Pipe: return 23;   // Event
  case Declaration::Kind::Stage:
  case Declaration::Kind::Pool: return 3;    // Function
  default: return 6;                         // Variable
  }
}

}  // namespace

llvm::json::Value completion(const Analysis *names, const TextDocument &doc, std::size_t offset) {
  Context context = ContextReader(doc.text(), offset).read();
  llvm::json::Array items;
  auto keyword = [&](llvm::StringRef word) {
    items.push_back(llvm::json::Object{{"label", word}, {"kind", 14}});
  };
  auto declared = [&](std::initializer_list<Declaration::Kind> kinds) {
    if (!names) return;
    for (const Declaration &d : names->declarations()) {
      bool item = d.kind == Declaration::Kind::Item;
      // An item only inside its own stage's body (the block the cursor is in).
      if (item && !(context.place == Place::Body && d.scope.begin <= context.bodyStart &&
                    context.bodyStart <= d.scope.end))
        continue;
      if (!item && !llvm::is_contained(kinds, d.kind)) continue;
      items.push_back(llvm::json::Object{{"label", d.name}, {"kind", itemKind(d.kind)}, {"detail", kindName(d.kind)}});
    }
  };
  using K = Declaration::Kind;
  switch (context.place) {
  case Place::Declaration:
    for (const std::string &k : declarationKeywords()) keyword(k);
    break;
  case Place::Body:
    declared({K::Param, K::Queue, K::Pipe, K::Shared});
    for (const char *k : {"emit", "index", "replicas"}) keyword(k);
    break;
  case Place::Queue: declared({K::Queue, K::Pipe}); break;
  case Place::Param: declared({K::Param}); break;
  case Place::Option:
    for (const std::string &k : stageOptionKeywords()) keyword(k);
    break;
  case Place::Nothing: break;
  }
  return llvm::json::Object{{"isIncomplete", false}, {"items", std::move(items)}};
}

}  // namespace mpl::lsp
