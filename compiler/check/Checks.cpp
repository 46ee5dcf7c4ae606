#include "check/Checks.h"
#include "check/Symbols.h"

#include <mpl/option_names.hpp>

#include <llvm/ADT/APInt.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringSet.h>

#include <cmath>
#include <cstdlib>
#include <limits>

namespace mpl {
namespace {

// Params become options of the generated program, next to the ones it always has
// (the runtime's own list).
bool isProgramOption(llvm::StringRef name) {
  return llvm::is_contained(mpl::program_option_names, std::string_view(name));
}

bool isFloatingType(llvm::StringRef type) { return type == "float" || type == "double"; }
bool isStringType(llvm::StringRef type) { return type == "std::string"; }

/// The magnitude of an integer literal as written ("-0x1'0" → 16), and its sign.
llvm::APInt integerMagnitude(llvm::StringRef text, bool &negative) {
  negative = text.consume_front("-");
  text.consume_front("+");
  std::string digits = text.str();
  llvm::erase_value(digits, '\'');
  llvm::APInt value;
  if (llvm::StringRef(digits).getAsInteger(0, value)) value = llvm::APInt(1, 0);
  return value;
}

/// "-128 to 127", "0 to 255": the values an integral type holds.
std::string rangeText(const IntegralType &type) {
  llvm::APInt min = type.isSigned ? llvm::APInt::getSignedMinValue(type.bits)
                                  : llvm::APInt::getMinValue(type.bits);
  llvm::APInt max = type.isSigned ? llvm::APInt::getSignedMaxValue(type.bits)
                                  : llvm::APInt::getMaxValue(type.bits);
  return llvm::toString(min, 10, type.isSigned) + " to " + llvm::toString(max, 10, type.isSigned);
}

/// Reports a literal that does not fit `type` (a param's default or a shared value's
/// initial value); `owner` names what it belongs to ("param 'count'"), `noun` what the
/// literal is to it ("default value").
void checkLiteralFits(const ast::Literal &value, llvm::StringRef type, const std::string &owner,
                      const char *noun, Diagnostics &diags) {
  using Kind = ast::Literal::Kind;
  std::optional<IntegralType> integral = integralType(type);
  bool fits = (integral && value.kind == Kind::Integer) ||
              (isFloatingType(type) &&
               (value.kind == Kind::Integer || value.kind == Kind::Float)) ||
              (type == "bool" && value.kind == Kind::Bool) ||
              (isStringType(type) && value.kind == Kind::String);
  if (!fits) {
    const char *wanted = integral              ? "an integer"
                         : isFloatingType(type) ? "a number"
                         : type == "bool"       ? "true or false"
                                                : "a string literal";
    diags.error(value.range.Start,
                noun + llvm::Twine(" ") + value.text + " does not match the type '" + type +
                    "' of " + owner + "; expected " + wanted,
                {value.range});
    return;
  }
  if (integral) {
    bool negative = false;
    llvm::APInt magnitude = integerMagnitude(value.text, negative);
    if (negative && !integral->isSigned && !magnitude.isZero()) {
      diags.error(value.range.Start,
                  noun + llvm::Twine(" ") + value.text + " is negative, but " + owner +
                      " has the unsigned type '" + type + "'",
                  {value.range});
      return;
    }
    unsigned limitBits = integral->isSigned ? integral->bits - 1 : integral->bits;
    bool tooLarge = magnitude.getActiveBits() > limitBits;
    // The one magnitude past the signed maximum that fits: the minimum, -2^(bits-1).
    if (negative && magnitude.getActiveBits() == limitBits + 1 && magnitude.isPowerOf2())
      tooLarge = false;
    if (tooLarge)
      diags.error(value.range.Start,
                  noun + llvm::Twine(" ") + value.text + " is out of range for the type '" +
                      type + "' of " + owner + " (" + rangeText(*integral) + ")",
                  {value.range});
  }
  if (value.kind == Kind::Float || (isFloatingType(type) && value.kind == Kind::Integer)) {
    std::string digits = value.text;
    llvm::erase_value(digits, '\'');
    double number = std::strtod(digits.c_str(), nullptr);
    double limit = type == "float" ? std::numeric_limits<float>::max()
                                   : std::numeric_limits<double>::max();
    if (!std::isfinite(number) || std::fabs(number) > limit)
      diags.error(value.range.Start,
                  noun + llvm::Twine(" ") + value.text + " is out of range for the type '" +
                      type + "' of " + owner,
                  {value.range});
  }
}

// param NAME: TYPE = LITERAL — the type is one the command line can parse, the name is
// not one of the program's own options, and the default is a literal of that type.
void checkParam(const ast::ParamDecl &param, Diagnostics &diags) {
  if (isProgramOption(param.name.text))
    diags.error(param.name.loc(),
                "param '" + param.name.text + "' would clash with the option --" +
                    param.name.text + " that every MPL program has; choose another name",
                {param.name.range});
  llvm::StringRef type = param.type.text;
  if (!isIntegralType(type) && !isFloatingType(type) && type != "bool" && !isStringType(type)) {
    std::string message = "param '" + param.name.text + "' has type '" + type.str() +
                          "'; a param must be an integral type, float, double, bool or "
                          "std::string";
    if (type == "string" || type == "std::string_view" || type == "const char*")
      message += "; did you mean 'std::string'?";
    diags.error(param.type.range.Start, message, {param.type.range});
    return;
  }
  if (param.defaultValue)
    checkLiteralFits(*param.defaultValue, type, "param '" + param.name.text + "'",
                     "default value", diags);
}

// shared NAME: T = LITERAL | shared NAME: T[N] — an array is zero-initialised; a literal
// initial value of a type params also have must fit that type.
void checkShared(const ast::SharedDecl &shared, const SymbolTable &symbols, Diagnostics &diags) {
  if (shared.arraySize && !shared.arraySize->isLiteral())
    diags.error(shared.arraySize->range.Start,
                "the size of shared array '" + shared.name.text +
                    "' must be an integer literal: it is part of the array's C++ type",
                {shared.arraySize->range});
  else if (shared.arraySize)
    checkCount(*shared.arraySize, "size of shared array '" + shared.name.text + "'",
               maxArraySize, "2^40 (1099511627776)", symbols, diags);
  llvm::SMRange init = shared.initLiteral ? shared.initLiteral->range
                       : shared.initBlock ? shared.initBlock->range
                                          : llvm::SMRange();
  if (shared.arraySize && init.isValid()) {
    diags.error(init.Start,
                "shared array '" + shared.name.text +
                    "' cannot have an initial value: it starts zero-initialised",
                {init});
    return;
  }
  llvm::StringRef type = shared.type.text;
  bool literalType = isIntegralType(type) || isFloatingType(type) || type == "bool";
  if (shared.initLiteral && literalType)
    checkLiteralFits(*shared.initLiteral, type, "shared value '" + shared.name.text + "'",
                     "initial value", diags);
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

std::optional<IntegralType> integralType(llvm::StringRef type) {
  // Fixed-width and library typedefs, with or without std::.
  llvm::StringRef name = type;
  name.consume_front("std::");
  static const llvm::StringMap<IntegralType> typedefs = {
      {"int8_t", {8, true}},     {"int16_t", {16, true}},  {"int32_t", {32, true}},
      {"int64_t", {64, true}},   {"uint8_t", {8, false}},  {"uint16_t", {16, false}},
      {"uint32_t", {32, false}}, {"uint64_t", {64, false}}, {"size_t", {64, false}},
      {"ptrdiff_t", {64, true}}, {"intmax_t", {64, true}}, {"uintmax_t", {64, false}},
      {"intptr_t", {64, true}},  {"uintptr_t", {64, false}}, {"ssize_t", {64, true}}};
  auto it = typedefs.find(name);
  if (it != typedefs.end()) return it->second;

  // Built-in type words in any order, as C++ allows: `unsigned long long int`.
  llvm::SmallVector<llvm::StringRef, 4> words;
  type.split(words, ' ');
  unsigned longs = 0, shorts = 0, chars = 0, ints = 0, signs = 0;
  bool isUnsigned = false;
  for (llvm::StringRef word : words) {
    if (word == "long") ++longs;
    else if (word == "short") ++shorts;
    else if (word == "char") ++chars;
    else if (word == "int") ++ints;
    else if (word == "signed") ++signs;
    else if (word == "unsigned") ++signs, isUnsigned = true;
    else return std::nullopt;
  }
  if (longs > 2 || shorts > 1 || chars > 1 || ints > 1 || signs > 1 ||
      (chars && (longs || shorts || ints)) || (shorts && longs))
    return std::nullopt;
  unsigned bits = chars ? 8 : shorts ? 16 : longs ? 64 : 32;  // LP64, as on Linux
  return IntegralType{bits, !isUnsigned};
}

bool isIntegralType(llvm::StringRef type) { return integralType(type).has_value(); }

void checkCount(const ast::Count &count, const llvm::Twine &what, std::int64_t max,
                llvm::StringRef maxText, const SymbolTable &symbols, Diagnostics &diags) {
  if (count.isLiteral()) {
    if (count.literal() <= 0)
      diags.error(count.range.Start,
                  what + " must be a positive integer, not " + llvm::Twine(count.literal()),
                  {count.range});
    else if (count.literal() > max)
      diags.error(count.range.Start,
                  what + " is " + llvm::Twine(count.literal()) + ", out of range: it must be 1 to " +
                      maxText,
                  {count.range});
    return;
  }
  const ast::Name &name = count.param();
  const Symbol *symbol = symbols.lookup(name.text);
  if (!symbol) {
    std::string message = what.str() + " names '" + name.text + "', which is not declared";
    std::string suggestion = closestName(name.text, symbols.namesOfKind({Symbol::Kind::Param}));
    if (!suggestion.empty()) message += "; did you mean param '" + suggestion + "'?";
    else message += "; it must be a positive integer or the name of an integral param";
    diags.error(name.loc(), message, {name.range});
    return;
  }
  if (symbol->kind != Symbol::Kind::Param) {
    diags.error(name.loc(),
                what + " must be a positive integer or the name of an integral param, but '" +
                    name.text + "' is a " + describe(symbol->kind),
                {name.range});
    diags.note(symbol->name->loc(), "'" + name.text + "' is declared here");
    return;
  }
  const auto *param = static_cast<const ast::ParamDecl *>(symbol->decl);
  if (!isIntegralType(param->type.text)) {
    diags.error(count.range.Start,
                what + " must be a positive integer or an integral param; param '" +
                    param->name.text + "' has type '" + param->type.text + "'",
                {count.range});
    diags.note(param->name.loc(), "'" + param->name.text + "' is declared here");
    return;
  }
  // The default is what runs unless the command line says otherwise.
  const auto &value = param->defaultValue;
  if (value && value->kind == ast::Literal::Kind::Integer) {
    bool negative = false;
    llvm::APInt magnitude = integerMagnitude(value->text, negative);
    if (negative || magnitude.isZero()) {
      diags.error(count.range.Start,
                  what + " is param '" + param->name.text + "', whose default " + value->text +
                      " is not a positive integer",
                  {count.range});
      diags.note(value->range.Start, "default of '" + param->name.text + "' is here");
    } else if (magnitude.ugt(static_cast<std::uint64_t>(max))) {
      diags.error(count.range.Start,
                  what + " is param '" + param->name.text + "', whose default " + value->text +
                      " is out of range: it must be 1 to " + maxText,
                  {count.range});
      diags.note(value->range.Start, "default of '" + param->name.text + "' is here");
    }
  }
}

bool checkFile(const ast::File &file, Diagnostics &diags) {
  unsigned errorsBefore = diags.errorCount();
  Diagnostics::InSourceOrder sourceOrder(diags);
  SymbolTable symbols(file, diags);
  for (const auto &param : file.params) checkParam(*param, diags);
  for (const auto &queue : file.queues)
    if (queue->capacity)
      checkCount(*queue->capacity,
                 llvm::Twine("capacity of ") + (queue->isPipe ? "pipe '" : "queue '") +
                     queue->name.text + "'",
                 maxCapacity, "2^30 (1073741824)", symbols, diags);
  for (const auto &shared : file.shareds) checkShared(*shared, symbols, diags);
  checkHooks(file, diags);
  checkIncludes(file, diags);
  checkStages(file, symbols, diags);
  checkBodies(file, diags);
  if (diags.errorCount() == errorsBefore) checkGraph(file, diags);
  return diags.errorCount() == errorsBefore;
}

}  // namespace mpl
