#include "check/Checks.h"
#include "check/Symbols.h"

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

const llvm::StringSet<> integralTypes = {
    "char", "signed char", "unsigned char", "short", "unsigned short", "short int",
    "int", "unsigned", "unsigned int", "signed", "signed int", "long", "long int",
    "unsigned long", "unsigned long int", "long long", "long long int",
    "unsigned long long", "unsigned long long int", "size_t", "std::size_t", "ptrdiff_t",
    "std::ptrdiff_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
    "uint32_t", "uint64_t", "std::int8_t", "std::int16_t", "std::int32_t", "std::int64_t",
    "std::uint8_t", "std::uint16_t", "std::uint32_t", "std::uint64_t"};

bool isFloatingType(llvm::StringRef type) { return type == "float" || type == "double"; }
bool isStringType(llvm::StringRef type) { return type == "std::string"; }

// param NAME: TYPE = LITERAL — the type is one the command line can parse, and the
// default is a literal of that type.
void checkParam(const ast::ParamDecl &param, Diagnostics &diags) {
  llvm::StringRef type = param.type.text;
  bool integral = isIntegralType(type);
  if (!integral && !isFloatingType(type) && type != "bool" && !isStringType(type)) {
    diags.error(param.type.range.Start,
                "param '" + param.name.text + "' has type '" + type +
                    "'; a param must be an integral type, float, double, bool or std::string",
                {param.type.range});
    return;
  }
  if (!param.defaultValue) return;
  const ast::Literal &value = *param.defaultValue;
  using Kind = ast::Literal::Kind;
  bool fits = (integral && value.kind == Kind::Integer) ||
              (isFloatingType(type) && (value.kind == Kind::Integer || value.kind == Kind::Float)) ||
              (type == "bool" && value.kind == Kind::Bool) ||
              (isStringType(type) && value.kind == Kind::String);
  if (!fits) {
    diags.error(value.range.Start,
                "default value " + value.text + " does not match the type '" + type +
                    "' of param '" + param.name.text + "'",
                {value.range});
    return;
  }
  if (integral && llvm::StringRef(type).contains("unsigned") && value.text.front() == '-')
    diags.error(value.range.Start,
                "default value " + value.text + " is negative but param '" + param.name.text +
                    "' is unsigned",
                {value.range});
}

void checkHooks(const ast::File &file, Diagnostics &diags) {
  const ast::HookDecl *seen[2] = {nullptr, nullptr};
  for (const auto &hook : file.hooks) {
    const ast::HookDecl *&first = seen[static_cast<int>(hook->kind)];
    const char *word = hook->kind == ast::HookDecl::Kind::Before ? "before" : "after";
    if (first) {
      diags.error(hook->range.Start, llvm::Twine("duplicate '") + word +
                                         "' block; a program has at most one");
      diags.note(first->range.Start, llvm::Twine("first '") + word + "' block is here");
    } else {
      first = hook.get();
    }
  }
}

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

bool isIntegralType(llvm::StringRef type) { return integralTypes.contains(type); }

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
  if (reservedNames.contains(name.text) || llvm::StringRef(name.text).startswith("mpl_")) {
    diags_.error(name.loc(), "'" + name.text + "' is reserved and cannot name a " +
                                 describe(kind) + " (C++ keywords, index, replicas, emit and "
                                 "names starting with 'mpl_' are taken)",
                 {name.range});
    return;
  }
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

std::vector<std::string> SymbolTable::namesOfKind(std::initializer_list<Symbol::Kind> kinds) const {
  std::vector<std::string> names;
  for (const auto &name : order_)
    if (llvm::is_contained(kinds, lookup(name)->kind)) names.push_back(name);
  return names;
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

void checkCount(const ast::Count &count, const llvm::Twine &what, const SymbolTable &symbols,
                Diagnostics &diags) {
  if (count.isLiteral()) {
    if (count.literal() <= 0)
      diags.error(count.range.Start,
                  what + " must be a positive integer, not " + llvm::Twine(count.literal()),
                  {count.range});
    return;
  }
  const Symbol *symbol = resolve(count.param(), {Symbol::Kind::Param}, "param", symbols, diags);
  if (!symbol) return;
  const auto *param = static_cast<const ast::ParamDecl *>(symbol->decl);
  if (!isIntegralType(param->type.text)) {
    diags.error(count.range.Start,
                what + " must be a positive integer or an integral param; param '" +
                    param->name.text + "' has type '" + param->type.text + "'",
                {count.range});
    diags.note(param->name.loc(), "'" + param->name.text + "' is declared here");
  }
}

bool checkFile(const ast::File &file, Diagnostics &diags) {
  unsigned errorsBefore = diags.errorCount();
  SymbolTable symbols(file, diags);
  for (const auto &param : file.params) checkParam(*param, diags);
  for (const auto &queue : file.queues)
    if (queue->capacity)
      checkCount(*queue->capacity,
                 llvm::Twine("capacity of ") + (queue->isPipe ? "pipe '" : "queue '") +
                     queue->name.text + "'",
                 symbols, diags);
  for (const auto &shared : file.shareds) {
    if (shared->arraySize && !shared->arraySize->isLiteral())
      diags.error(shared->arraySize->range.Start,
                  "the size of shared array '" + shared->name.text +
                      "' must be an integer literal: it is part of the array's C++ type",
                  {shared->arraySize->range});
    else if (shared->arraySize)
      checkCount(*shared->arraySize, "size of shared array '" + shared->name.text + "'", symbols,
                 diags);
  }
  checkHooks(file, diags);
  checkStages(file, symbols, diags);
  if (diags.errorCount() == errorsBefore) checkGraph(file, diags);
  return diags.errorCount() == errorsBefore;
}

}  // namespace mpl
