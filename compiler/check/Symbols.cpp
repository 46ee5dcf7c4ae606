// The one namespace of a file's declarations (docs/language.md, "Names"): declaring
// them, reporting duplicates and reserved names, and resolving a use to its symbol.
#include "check/Symbols.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringSet.h>

namespace mpl {
namespace {

// Names that would collide with C++ or with what every body sees.
const llvm::StringSet<> reservedNames = {
    "index", "replicas", "emit", "main", "mpl", "std", "fmt",
    "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char",
    "class", "const", "constexpr", "continue", "default", "delete", "do", "double", "else",
    "enum", "explicit", "export", "extern", "float", "for", "friend", "goto", "if",
    "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "nullptr",
    "operator", "or", "private", "protected", "public", "register", "return", "short",
    "signed", "sizeof", "static", "struct", "switch", "template", "this", "throw", "try",
    "typedef", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
    "while", "xor", "concept", "requires", "co_await", "co_return", "co_yield"};

}  // namespace

const char *describe(Symbol::Kind kind) {
  switch (kind) {
  case Symbol::Kind::Param: return "param";
  case Symbol::Kind::Queue: return "queue";
  case Symbol::Kind::Pipe: return "pipe";
  case Symbol::Kind::Shared: return "shared value";
  case Symbol::Kind::Stage: return "stage";
  case Symbol::Kind::Pool: return "pool";
  }
  return "name";
}

bool isReservedName(llvm::StringRef name) {
  return reservedNames.contains(name) || name.startswith("mpl_");
}

SymbolTable::SymbolTable(const ast::File &file, Diagnostics &diags) : diags_(diags) {
  // Declared in file order, so that "first declared here" is the first in the file.
  std::vector<Symbol> all;
  for (const auto &param : file.params) all.push_back({Symbol::Kind::Param, &param->name, param.get()});
  for (const auto &queue : file.queues)
    all.push_back({queue->isPipe ? Symbol::Kind::Pipe : Symbol::Kind::Queue, &queue->name, queue.get()});
  for (const auto &shared : file.shareds)
    all.push_back({Symbol::Kind::Shared, &shared->name, shared.get()});
  for (const auto &stage : file.stages)
    all.push_back({stage->isPool ? Symbol::Kind::Pool : Symbol::Kind::Stage, &stage->name, stage.get()});
  llvm::sort(all, [](const Symbol &a, const Symbol &b) {
    return a.name->loc().getPointer() < b.name->loc().getPointer();
  });
  for (const Symbol &symbol : all) declare(symbol.kind, *symbol.name, symbol.decl);
}

void SymbolTable::declare(Symbol::Kind kind, const ast::Name &name, const void *decl) {
  // Reported, and still declared, so that uses of the name raise no further errors.
  if (isReservedName(name.text))
    diags_.error(name.loc(), "'" + name.text + "' is reserved and cannot name a " +
                                 describe(kind) + " (C++ keywords, main, index, replicas, emit and "
                                 "names starting with 'mpl_' are taken)",
                 {name.range});
  auto [it, inserted] = symbols_.try_emplace(name.text, Symbol{kind, &name, decl});
  if (!inserted) {
    const Symbol &previous = it->second;
    diags_.error(name.loc(), llvm::Twine("duplicate name '") + name.text + "': a " +
                                 describe(previous.kind) + " named '" + name.text +
                                 "' is already declared (params, queues, pipes, shared "
                                 "values, stages and pools share one namespace)",
                 {name.range});
    diags_.note(previous.name->loc(), "'" + name.text + "' was first declared here");
    return;
  }
  order_.push_back(name.text);
}

const Symbol *SymbolTable::lookup(llvm::StringRef name) const {
  auto it = symbols_.find(name);
  return it == symbols_.end() ? nullptr : &it->second;
}

const std::vector<std::string> &SymbolTable::namesOfKind(std::initializer_list<Symbol::Kind> kinds) const {
  unsigned mask = 0;
  for (Symbol::Kind kind : kinds) mask |= 1u << static_cast<unsigned>(kind);
  auto [it, added] = namesByKinds_.try_emplace(mask);
  if (added)
    for (const auto &name : order_)
      if (llvm::is_contained(kinds, lookup(name)->kind)) it->second.push_back(name);
  return it->second;
}

const Symbol *resolve(const ast::Name &name, std::initializer_list<Symbol::Kind> expected,
                      const char *expectedWhat, const SymbolTable &symbols, Diagnostics &diags) {
  const Symbol *symbol = symbols.lookup(name.text);
  if (!symbol) {
    std::string message = std::string(expectedWhat) + " '" + name.text + "' is not declared";
    std::string suggestion = closestName(name.text, symbols.namesOfKind(expected));
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    diags.error(name.loc(), message, {name.range});
    return nullptr;
  }
  if (!llvm::is_contained(expected, symbol->kind)) {
    diags.error(name.loc(), llvm::Twine("'") + name.text + "' is a " + describe(symbol->kind) +
                                ", not a " + expectedWhat,
                {name.range});
    diags.note(symbol->name->loc(), "'" + name.text + "' is declared here");
    return nullptr;
  }
  return symbol;
}

}  // namespace mpl
