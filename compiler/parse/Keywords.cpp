#include "parse/Keywords.h"
#include "parse/AntlrIncludes.h"

#include <llvm/ADT/StringExtras.h>

namespace mpl {
namespace {

using P = MPLParser;

const antlr4::dfa::Vocabulary &vocabulary() {
  static antlr4::ANTLRInputStream empty("");
  static MPLLexer lexer(&empty);
  return lexer.getVocabulary();
}

/// A token's spelling when the lexer defines it by one word ('queue'), else empty.
std::string spelling(size_t type) {
  std::string name = vocabulary().getLiteralName(type);  // by value: keep it alive
  llvm::StringRef literal = name;
  if (!literal.consume_front("'") || !literal.consume_back("'") || literal.empty() ||
      !llvm::all_of(literal, llvm::isAlpha))
    return {};
  return literal.str();
}


}  // namespace

const std::vector<std::string> &keywords() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> found;
    for (size_t type = 1; type <= vocabulary().getMaxTokenType(); ++type)
      if (std::string word = spelling(type); !word.empty()) found.push_back(word);
    return found;
  }();
  return words;
}

const std::vector<std::size_t> &declarationKeywordTokens() {
  static const std::vector<std::size_t> types = {P::INCLUDE, P::CPP,   P::PARAM, P::QUEUE,
                                                 P::PIPE,    P::SHARED, P::STAGE, P::POOL,
                                                 P::BEFORE,  P::AFTER};
  return types;
}

const std::vector<std::string> &declarationKeywords() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> found;
    for (std::size_t type : declarationKeywordTokens()) found.push_back(spelling(type));
    return found;
  }();
  return words;
}

const std::vector<std::string> &stageOptionKeywords() {
  static const std::vector<std::string> words = {spelling(P::ORDERED), spelling(P::UNORDERED),
                                                 spelling(P::RETRY)};
  return words;
}

bool isKeywordToken(std::size_t tokenType) { return !spelling(tokenType).empty(); }

std::string declarationKeywordList() {
  const auto &words = declarationKeywords();
  return llvm::join(words.begin(), words.end() - 1, ", ") + " or " + words.back();
}

}  // namespace mpl
