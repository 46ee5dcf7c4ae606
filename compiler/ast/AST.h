// MPL's abstract syntax tree: plain structs that own their children by unique_ptr.
// Every node carries the source range it was parsed from (llvm::SMRange into the
// buffer held by the llvm::SourceMgr), so any later pass can point a diagnostic at it.
#pragma once

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/SMLoc.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mpl::ast {

struct Name {
  std::string text;
  llvm::SMRange range;
  llvm::SMLoc loc() const { return range.Start; }
};

/// A C++ type name as written after `:`, normalised to single spaces.
struct TypeName {
  std::string text;
  llvm::SMRange range;
};

/// A `{ … }` block: C++ copied into the generated program.
struct CppBlock {
  std::string code;   // including the braces
  llvm::SMRange range;
  unsigned line = 0;  // line of the opening brace, for #line
};

/// A replica count, capacity or array size: an integer literal or a param's name.
struct Count {
  std::variant<std::int64_t, Name> value;
  llvm::SMRange range;
  bool isLiteral() const { return std::holds_alternative<std::int64_t>(value); }
  std::int64_t literal() const { return std::get<std::int64_t>(value); }
  const Name &param() const { return std::get<Name>(value); }
};

/// A param default: the literal's kind decides which types it fits.
struct Literal {
  enum class Kind { Integer, Float, String, Bool };
  Kind kind;
  std::string text;  // as written, sign included; strings with their quotes
  llvm::SMRange range;
};

struct IncludeDecl {
  std::string header;  // <cmath> or "point.hpp", delimiters included
  llvm::SMRange range;
};

struct CppDecl {
  CppBlock block;
  llvm::SMRange range;
};

struct ParamDecl {
  Name name;
  TypeName type;
  std::optional<Literal> defaultValue;  // none: required on the command line
  std::string help;                     // from the `///` lines directly above
  llvm::SMRange range;
};

struct QueueDecl {
  bool isPipe = false;
  Name name;
  TypeName type;
  std::optional<Count> capacity;  // none: defaultCapacity
  llvm::SMRange range;

  /// A queue's or pipe's capacity when none is written (docs/language.md): the one
  /// number code generation, the graph and the language server's hover all use.
  static constexpr std::int64_t defaultCapacity = 1024;
};

struct SharedDecl {
  Name name;
  TypeName type;
  std::optional<Count> arraySize;  // `T[N]`: an Array
  std::optional<Literal> initLiteral;
  std::optional<CppBlock> initBlock;  // `= { … }`
  llvm::SMRange range;
};

struct HookDecl {
  enum class Kind { Before, After };
  Kind kind;
  CppBlock body;
  llvm::SMRange range;
};

/// One input of a stage header: `q` (whole-body form) or `x: q` (per-item form).
struct StageInput {
  std::optional<Name> binding;
  Name queue;
};

enum class Ordering { Default, Ordered, Unordered };

struct StageOption {
  enum class Kind { Ordered, Unordered, Retry };
  Kind kind;
  std::int64_t retries = 0;
  llvm::SMRange range;
  llvm::SMRange countRange;  // retry's literal
};

struct StageDecl {
  bool isPool = false;
  Name name;
  std::optional<Count> replicas;  // none: 1 for a stage, one per CPU for a pool
  std::vector<StageInput> inputs;
  llvm::SMRange inputsRange;  // from `(` to `)`
  std::vector<Name> outputs;
  std::vector<StageOption> options;
  CppBlock body;
  llvm::SMRange range;
  llvm::SMLoc keywordLoc;

  bool isPerItem() const {
    for (const auto &in : inputs)
      if (in.binding) return true;
    return false;
  }
};

/// A whole `.mpl` file. Each kind of declaration keeps its file order, which is the
/// order the generated program emits includes and cpp blocks in (docs/language.md, "Declarations").
struct File {
  std::string path;
  std::vector<std::unique_ptr<IncludeDecl>> includes;
  std::vector<std::unique_ptr<CppDecl>> cppBlocks;
  std::vector<std::unique_ptr<ParamDecl>> params;
  std::vector<std::unique_ptr<QueueDecl>> queues;
  std::vector<std::unique_ptr<SharedDecl>> shareds;
  std::vector<std::unique_ptr<HookDecl>> hooks;
  std::vector<std::unique_ptr<StageDecl>> stages;
};

}  // namespace mpl::ast
