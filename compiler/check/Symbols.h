// The one namespace that params, queues, pipes, shared declarations, stages and pools
// share (docs/language.md, "Declarations"), shared by the checks.
#pragma once

#include "ast/AST.h"
#include "diag/Diagnostics.h"

#include <llvm/ADT/StringMap.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mpl {

struct Symbol {
  enum class Kind { Param, Queue, Pipe, Shared, Stage, Pool };
  Kind kind;
  const ast::Name *name;
  const void *decl;
};

const char *describe(Symbol::Kind kind);  // "param", "queue", …

class SymbolTable {
public:
  /// Declares every name of `file`, reporting duplicates and reserved names.
  SymbolTable(const ast::File &file, Diagnostics &diags);

  const Symbol *lookup(llvm::StringRef name) const;
  /// The names of these kinds, in declaration order (for "did you mean"). Kept per set of
  /// kinds: each unknown name once scanned every symbol, and 16,000 of them took 4.5 s.
  const std::vector<std::string> &namesOfKind(std::initializer_list<Symbol::Kind> kinds) const;

private:
  void declare(Symbol::Kind kind, const ast::Name &name, const void *decl);

  Diagnostics &diags_;
  llvm::StringMap<Symbol> symbols_;
  std::vector<std::string> order_;  // declaration order, for stable suggestions
  mutable std::map<unsigned, std::vector<std::string>> namesByKinds_;  // by a bit per kind
};

/// An integral C++ type as the generated program sees it (LP64).
struct IntegralType {
  unsigned bits;
  bool isSigned;
};

/// The integral type a param's or count's type names (`unsigned long`, `std::int8_t`),
/// none for any other type.
std::optional<IntegralType> integralType(llvm::StringRef type);

/// True for the integral types a param or a count may have.
bool isIntegralType(llvm::StringRef type);

/// Names no declaration or binding may take: C++ keywords, what every body already
/// sees (index, replicas, emit), main, and the generated code's own names (mpl_…).
bool isReservedName(llvm::StringRef name);

/// The largest values the runtime accepts (runtime/src/program.cpp checks replicas and
/// capacities when the program starts; `retry` travels as an int). A literal past them
/// is an error at the literal rather than a program that fails, or retries nothing,
/// at run time.
inline constexpr std::int64_t maxReplicas = 4096;
inline constexpr std::int64_t maxCapacity = std::int64_t{1} << 30;
inline constexpr std::int64_t maxRetries = 1'000'000;
/// A shared array's size: 2^30 elements, as a queue's capacity.
inline constexpr std::int64_t maxArraySize = std::int64_t{1} << 40;  // what a machine could map is checked at run time

/// Checks a replica count or capacity: an integer literal from 1 to `max` or the name
/// of an integral param (whose default must be in that range too). `what` names the
/// thing counted ("replica count of stage 'x'"), `maxText` spells `max` ("2^30").
void checkCount(const ast::Count &count, const llvm::Twine &what, std::int64_t max,
                llvm::StringRef maxText, const SymbolTable &symbols, Diagnostics &diags);

/// Reports a name that is not declared, or declared as something else than `expected`
/// ("queue 'nmbers' is not declared; did you mean 'numbers'?").
const Symbol *resolve(const ast::Name &name, std::initializer_list<Symbol::Kind> expected,
                      const char *expectedWhat, const SymbolTable &symbols, Diagnostics &diags);

/// Checks that every stage header and option is well formed (inputs, outputs,
/// replica counts, pool options) — the per-stage part of docs/diagnostics.md.
void checkStages(const ast::File &file, const SymbolTable &symbols, Diagnostics &diags);

/// Checks that the includes mplc can resolve (quoted, beside the .mpl file, or
/// absolute) are regular files of at most 64 MiB.
void checkIncludes(const ast::File &file, Diagnostics &diags);

/// Checks the graph as a whole: queue use, pipes, ordered pools, cycles.
void checkGraph(const ast::File &file, Diagnostics &diags);

}  // namespace mpl
