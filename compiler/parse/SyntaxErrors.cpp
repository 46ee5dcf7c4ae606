#include "parse/SyntaxErrors.h"

#include <llvm/ADT/StringExtras.h>

#include <string>
#include <vector>

namespace mpl {
namespace {

using antlr4::Token;
using P = MPLParser;

const std::vector<size_t> declarationKeywords = {
    P::INCLUDE, P::CPP, P::PARAM, P::QUEUE, P::PIPE, P::SHARED, P::STAGE, P::POOL,
    P::BEFORE, P::AFTER};

const std::vector<std::string> keywordSpellings = {
    "include", "cpp", "param", "queue", "pipe", "shared", "stage", "pool", "before",
    "after", "capacity", "ordered", "unordered", "retry", "true", "false"};

std::string describeExpectedToken(size_t type, const antlr4::dfa::Vocabulary &vocabulary) {
  switch (type) {
  case Token::EOF: return "end of file";
  case P::IDENT: return "a name";
  case P::INT: return "an integer";
  case P::FLOAT: return "a number";
  case P::STRING: return "a string";
  case P::CPP_BLOCK: return "a C++ block '{ … }'";
  case P::ANGLE_HEADER:
  case P::QUOTED_HEADER: return "a header name (<…> or \"…\")";
  default: break;
  }
  std::string literal = vocabulary.getLiteralName(type);
  if (!literal.empty()) return literal;  // already quoted: 'stage', ':'
  return vocabulary.getDisplayName(type);
}

std::string describeExpected(const antlr4::misc::IntervalSet &expected,
                             const antlr4::dfa::Vocabulary &vocabulary) {
  std::vector<size_t> types;
  for (size_t type : expected.toList()) types.push_back(type);
  bool declarationStart = true;
  for (size_t keyword : declarationKeywords)
    declarationStart = declarationStart && expected.contains(keyword);

  std::vector<std::string> phrases;
  if (declarationStart)
    phrases.push_back("a declaration (include, cpp, param, queue, pipe, shared, stage, pool, "
                      "before or after)");
  for (size_t type : types) {
    if (declarationStart && llvm::is_contained(declarationKeywords, type)) continue;
    std::string phrase = describeExpectedToken(type, vocabulary);
    if (!llvm::is_contained(phrases, phrase)) phrases.push_back(phrase);
  }
  if (phrases.empty()) return "something else";
  std::string text;
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (i) text += i + 1 == phrases.size() ? " or " : ", ";
    text += phrases[i];
  }
  return text;
}

std::string describeFound(Token *token) {
  if (token->getType() == Token::EOF) return "end of file";
  if (token->getType() == P::CPP_BLOCK) return "a C++ block '{ … }'";
  std::string text = token->getText();
  if (text.size() > 24) text = text.substr(0, 21) + "...";
  return "'" + text + "'";
}

const char *ruleDescription(size_t ruleIndex) {
  switch (ruleIndex) {
  case P::RuleIncludeDecl: return "an include";
  case P::RuleCppDecl: return "a cpp block";
  case P::RuleParamDecl: return "a param declaration";
  case P::RuleQueueDecl: return "a queue declaration";
  case P::RuleSharedDecl: return "a shared declaration";
  case P::RuleSharedInit: return "a shared initialiser";
  case P::RuleHookDecl: return "a before/after block";
  case P::RuleStageDecl:
  case P::RuleInput:
  case P::RuleStageOption: return "a stage header";
  case P::RuleCount: return "a count";
  case P::RuleLiteral: return "a literal";
  case P::RuleType:
  case P::RuleTypeAtom:
  case P::RuleTemplateArgs:
  case P::RuleTemplateArg: return "a type";
  default: return nullptr;
  }
}

/// The previous token on the default channel, or null at the start of the file.
Token *previousToken(antlr4::TokenStream *tokens, Token *token) {
  for (ssize_t i = static_cast<ssize_t>(token->getTokenIndex()) - 1; i >= 0; --i) {
    Token *candidate = tokens->get(static_cast<size_t>(i));
    if (candidate->getChannel() == Token::DEFAULT_CHANNEL) return candidate;
  }
  return nullptr;
}

/// The unmatched opening bracket before `token`, for "to close '(' at line N".
Token *unclosedOpener(antlr4::TokenStream *tokens, Token *token, size_t open, size_t close) {
  int depth = 0;
  for (ssize_t i = static_cast<ssize_t>(token->getTokenIndex()) - 1; i >= 0; --i) {
    Token *candidate = tokens->get(static_cast<size_t>(i));
    if (candidate->getType() == close) ++depth;
    if (candidate->getType() == open && depth-- == 0) return candidate;
    if (llvm::is_contained(declarationKeywords, candidate->getType())) return nullptr;
  }
  return nullptr;
}

}  // namespace

void SyntaxErrorStrategy::report(antlr4::Parser *parser, Token *found,
                                 const antlr4::misc::IntervalSet &expected) {
  auto *tokens = parser->getTokenStream();
  Token *previous = previousToken(tokens, found);

  std::string message = "expected " + describeExpected(expected, parser->getVocabulary());
  if (previous) message += " after '" + previous->getText().substr(0, 24) + "'";
  if (const char *rule = ruleDescription(parser->getContext()->getRuleIndex()))
    message += std::string(" in ") + rule;
  message += ", found " + describeFound(found);

  Token *opener = nullptr;
  const char *openerText = nullptr;
  if (expected.contains(size_t(P::RPAREN)) && (opener = unclosedOpener(tokens, found, P::LPAREN, P::RPAREN)))
    openerText = "(";
  else if (expected.contains(size_t(P::RBRACKET)) &&
           (opener = unclosedOpener(tokens, found, P::LBRACKET, P::RBRACKET)))
    openerText = "[";
  else if (expected.contains(size_t(P::RANGLE)) &&
           (opener = unclosedOpener(tokens, found, P::LANGLE, P::RANGLE)))
    openerText = "<";
  if (opener) {
    message = "expected '" + std::string(openerText[0] == '(' ? ")" : openerText[0] == '[' ? "]" : ">") +
              "' to close '" + openerText + "' at line " + std::to_string(opener->getLine()) +
              ", found " + describeFound(found);
  }
  if (found->getType() == P::IDENT && expected.contains(size_t(P::STAGE))) {
    std::string keyword = closestName(found->getText(), keywordSpellings);
    if (!keyword.empty()) message += "; did you mean '" + keyword + "'?";
  }
  if (expected.contains(size_t(P::LPAREN)) && !expected.contains(size_t(P::IDENT)) &&
      parser->getContext()->getRuleIndex() == P::RuleStageDecl)
    message += " (a stage's parentheses are always written, even when empty)";

  // A token missing at the end of a line belongs right after the previous token.
  bool pointAfterPrevious = previous && (found->getType() == Token::EOF ||
                                         found->getLine() > previous->getLine());
  llvm::SMLoc loc = pointAfterPrevious ? text_.locAt(previous->getStopIndex() + 1)
                                       : text_.locAt(found->getStartIndex());
  llvm::SmallVector<llvm::SMRange, 1> ranges;
  if (!pointAfterPrevious && found->getType() != Token::EOF)
    ranges.push_back(text_.range(found->getStartIndex(), found->getStopIndex()));
  diags_.error(loc, message, ranges);
  if (opener)
    diags_.note(text_.locAt(opener->getStartIndex()),
                std::string("to match this '") + openerText + "'");
}

void SyntaxErrorStrategy::reportError(antlr4::Parser *parser,
                                      const antlr4::RecognitionException &e) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, e.getOffendingToken(), e.getExpectedTokens());
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser *parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), getExpectedTokens(parser));
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser *parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), getExpectedTokens(parser));
}

bool reportLexicalErrors(antlr4::CommonTokenStream &tokens, Diagnostics &diags,
                         const SourceText &text) {
  unsigned before = diags.errorCount();
  for (Token *token : tokens.getTokens()) {
    llvm::SMLoc at = text.locAt(token->getStartIndex());
    switch (token->getType()) {
    case P::UNTERMINATED_CPP_BLOCK:
      diags.error(at, "unterminated C++ block: no '}' closes this '{' (check the braces, "
                      "string literals and comments inside it)");
      break;
    case P::UNTERMINATED_COMMENT:
      diags.error(at, "unterminated /* comment");
      break;
    case P::UNTERMINATED_STRING:
      diags.error(at, "missing terminating '\"' character");
      break;
    case P::RBRACE:
      diags.error(at, "'}' does not close any '{'");
      break;
    case P::BAD_CHAR: {
      Token *previous = previousToken(&tokens, token);
      if (previous && previous->getType() == P::INCLUDE) {
        diags.error(at, "expected a header name after 'include': <header> or \"file.hpp\"");
        break;
      }
      std::string shown = token->getText();
      if (shown == "\n" || shown == "\r") shown = "end of line";
      diags.error(at, "unexpected character '" + shown + "' in MPL declarations");
      break;
    }
    default:
      break;
    }
  }
  return diags.errorCount() == before;
}

}  // namespace mpl
