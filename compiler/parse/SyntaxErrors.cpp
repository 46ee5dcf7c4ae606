#include "parse/SyntaxErrors.h"
#include "parse/Keywords.h"

#include <llvm/ADT/StringExtras.h>

#include <string>
#include <vector>

namespace mpl {
namespace {

using antlr4::Token;
using P = MPLParser;

const std::vector<size_t> &declarationTokens = declarationKeywordTokens();

bool isDeclarationKeyword(size_t type) { return llvm::is_contained(declarationTokens, type); }

/// Words the lexer does not return as names: MPL's keywords and C++'s type words.
bool isReservedWord(size_t type) {
  return type == P::TYPE_WORD || type == P::CV || isKeywordToken(type);
}

/// The declaration being parsed: the rule right under `declaration`, or null.
antlr4::ParserRuleContext *declarationContext(antlr4::ParserRuleContext *ctx) {
  for (; ctx; ctx = dynamic_cast<antlr4::ParserRuleContext *>(ctx->parent)) {
    auto *parent = dynamic_cast<antlr4::ParserRuleContext *>(ctx->parent);
    if (parent && parent->getRuleIndex() == P::RuleDeclaration) return ctx;
  }
  return nullptr;
}

/// The last declaration parsed completely in the file rule `ctx`, or null.
antlr4::ParserRuleContext *lastDeclaration(antlr4::ParserRuleContext *ctx) {
  if (!ctx || ctx->getRuleIndex() != P::RuleFile) return nullptr;
  for (auto it = ctx->children.rbegin(); it != ctx->children.rend(); ++it)
    if (auto *declaration = dynamic_cast<P::DeclarationContext *>(*it))
      return declaration->children.empty()
                 ? nullptr
                 : dynamic_cast<antlr4::ParserRuleContext *>(declaration->children.front());
  return nullptr;
}

const char *declarationDescription(antlr4::ParserRuleContext *decl) {
  if (!decl) return nullptr;
  switch (decl->getRuleIndex()) {
  case P::RuleIncludeDecl: return "an include";
  case P::RuleCppDecl: return "a cpp block";
  case P::RuleParamDecl: return "a param declaration";
  case P::RuleQueueDecl:
    return decl->getStart()->getType() == P::PIPE ? "a pipe declaration" : "a queue declaration";
  case P::RuleSharedDecl: return "a shared declaration";
  case P::RuleHookDecl:
    return decl->getStart()->getType() == P::BEFORE ? "a 'before' block" : "an 'after' block";
  case P::RuleStageDecl:
    return decl->getStart()->getType() == P::POOL ? "a pool header" : "a stage header";
  default: return nullptr;
  }
}

/// What the parser wanted, in MPL's words. Token sets that mean one thing to a user
/// ("a type", "a value") are named as that thing.
std::string describeExpected(antlr4::Parser *parser, Token *previous,
                             const antlr4::misc::IntervalSet &expected, bool bodyOnly) {
  size_t rule = parser->getContext()->getRuleIndex();
  std::vector<size_t> types;
  for (size_t type : expected.toList()) types.push_back(type);
  std::vector<std::string> phrases;
  // Names the tokens of `group` (all expected and not named yet) by one phrase.
  auto take = [&](std::initializer_list<size_t> group, const std::string &phrase) {
    for (size_t type : group)
      if (!llvm::is_contained(types, type)) return;
    phrases.push_back(phrase);
    for (size_t type : group) llvm::erase_value(types, type);
  };

  if (bodyOnly) return rule == P::RuleStageDecl ? "the body '{ … }'" : "a C++ block '{ … }'";
  bool declarationStart = llvm::all_of(declarationTokens, [&](size_t keyword) {
    return expected.contains(keyword);
  });
  if (declarationStart) {
    phrases.push_back("a declaration (" + declarationKeywordList() + ")");
    for (size_t keyword : declarationTokens) llvm::erase_value(types, keyword);
    llvm::erase_value(types, size_t(Token::EOF));
  }
  if (rule == P::RuleTemplateArgs || rule == P::RuleTemplateArg)
    take({P::CV, P::TYPE_WORD, P::SCOPE, P::IDENT, P::INT, P::TRUE, P::FALSE},
         "a template argument (a type or a constant)");
  bool typeStarted = previous && previous->getType() != P::COLON &&
                     (rule == P::RuleType || rule == P::RuleQualifiedName);
  if (!typeStarted) take({P::CV, P::TYPE_WORD, P::SCOPE, P::IDENT}, "a type");
  take({P::INT, P::FLOAT, P::STRING, P::TRUE, P::FALSE},
       "a value (a number, a string, true or false)");
  if (rule == P::RuleCount)
    take({P::INT, P::IDENT}, "a positive integer or the name of an integral param");
  if (!phrases.empty()) {
    // The signs belong to the value or template argument just named.
    llvm::erase_value(types, size_t(P::MINUS));
    llvm::erase_value(types, size_t(P::PLUS));
  }

  bool queueName = previous && (previous->getType() == P::ARROW ||
                                (rule == P::RuleStageDecl && previous->getType() == P::COMMA) ||
                                rule == P::RuleInput);
  for (size_t type : types) {
    std::string phrase;
    switch (type) {
    case Token::EOF: phrase = "end of file"; break;
    case P::IDENT:
      if (rule == P::RuleStageDecl && previous && previous->getType() == P::LPAREN)
        phrase = "an input ('queue' or 'x: queue')";
      else
        phrase = queueName ? "a queue name" : "a name";
      break;
    case P::INT:
      phrase = previous && previous->getType() == P::RETRY ? "a positive integer" : "an integer";
      break;
    case P::FLOAT: phrase = "a number"; break;
    case P::STRING: phrase = "a string"; break;
    case P::TYPE_WORD: phrase = "a type word"; break;
    case P::CPP_BLOCK:
      phrase = rule == P::RuleStageDecl ? "the body '{ … }'" : "a C++ block '{ … }'";
      break;
    case P::ANGLE_HEADER:
    case P::QUOTED_HEADER: phrase = "a header name (<…> or \"…\")"; break;
    default: phrase = parser->getVocabulary().getLiteralName(type); break;  // quoted: ':'
    }
    if (!phrase.empty() && !llvm::is_contained(phrases, phrase)) phrases.push_back(phrase);
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

/// The previous token on the default channel, or null at the start of the file.
Token *previousToken(antlr4::TokenStream *tokens, Token *token) {
  for (ssize_t i = static_cast<ssize_t>(token->getTokenIndex()) - 1; i >= 0; --i) {
    Token *candidate = tokens->get(static_cast<size_t>(i));
    if (candidate->getChannel() == Token::DEFAULT_CHANNEL) return candidate;
  }
  return nullptr;
}

/// The next token on the default channel (EOF at the end). The stream is filled as the
/// parser reads, so the next token may still have to be lexed: LT does that.
Token *nextToken(antlr4::TokenStream *tokens, Token *token) {
  for (size_t i = token->getTokenIndex() + 1; i < tokens->size(); ++i) {
    Token *candidate = tokens->get(i);
    if (candidate->getChannel() == Token::DEFAULT_CHANNEL) return candidate;
  }
  if (token->getType() == Token::EOF) return token;
  for (ssize_t ahead = 1;; ++ahead) {
    Token *candidate = tokens->LT(ahead);
    if (candidate->getTokenIndex() > token->getTokenIndex() || candidate->getType() == Token::EOF)
      return candidate;
  }
}

/// The unmatched opening bracket before `token`, for "to close '(' at line N".
Token *unclosedOpener(antlr4::TokenStream *tokens, Token *token, size_t open, size_t close) {
  int depth = 0;
  for (ssize_t i = static_cast<ssize_t>(token->getTokenIndex()) - 1; i >= 0; --i) {
    Token *candidate = tokens->get(static_cast<size_t>(i));
    if (candidate->getType() == close) ++depth;
    if (candidate->getType() == open && depth-- == 0) return candidate;
    if (isDeclarationKeyword(candidate->getType())) return nullptr;
  }
  return nullptr;
}

}  // namespace

void SyntaxErrorStrategy::report(antlr4::Parser *parser, Token *found,
                                 const antlr4::misc::IntervalSet &expected) {
  auto *tokens = parser->getTokenStream();
  Token *previous = previousToken(tokens, found);
  antlr4::ParserRuleContext *decl = declarationContext(parser->getContext());
  // A stage header followed by the next declaration: the body is what is missing.
  bool bodyMissing = expected.contains(size_t(P::CPP_BLOCK)) && decl &&
                     decl->getRuleIndex() == P::RuleStageDecl &&
                     (found->getType() == Token::EOF || isDeclarationKeyword(found->getType()));
  // Where a new declaration may start, the found token is the mistake itself (`stag`);
  // elsewhere something is missing after the previous token, and a token missing at
  // the end of a line belongs right after the previous token.
  bool betweenDeclarations = llvm::all_of(declarationTokens, [&](size_t keyword) {
    return expected.contains(keyword);
  });
  bool pointAfterPrevious =
      previous && !betweenDeclarations &&
      (found->getType() == Token::EOF || found->getLine() > previous->getLine());
  Token *shownAt = pointAfterPrevious ? previous : found;

  // One error per line: what follows a syntax error on its line is most likely a
  // consequence of it, not a second mistake.
  if (shownAt->getType() != Token::EOF && shownAt->getLine() == lastErrorLine_) return;
  lastErrorLine_ = shownAt->getType() == Token::EOF ? 0 : shownAt->getLine();

  std::string message = "expected " + describeExpected(parser, previous, expected, bodyMissing);
  // On the line of a declaration that is complete, the found token was meant to
  // continue it (`param p: long 5`): say that the declaration ended there.
  antlr4::ParserRuleContext *ended = nullptr;
  if (betweenDeclarations && previous && found->getType() != Token::EOF &&
      found->getLine() == previous->getLine())
    ended = decl ? decl : lastDeclaration(parser->getContext());
  if (ended && declarationDescription(ended)) {
    llvm::StringRef what = declarationDescription(ended);  // "a param declaration"
    if (ended->getRuleIndex() == P::RuleStageDecl)
      what = ended->getStart()->getType() == P::POOL ? "a pool" : "a stage";
    what = what.drop_until([](char c) { return c == ' '; }).ltrim();
    message = "unexpected " + describeFound(found) + " after a complete " + what.str() +
              "; a new declaration starts with " + declarationKeywordList();
  } else {
    ended = nullptr;
  }
  if (!betweenDeclarations) {
    if (previous) message += " after '" + previous->getText().substr(0, 24) + "'";
    if (const char *where = declarationDescription(decl)) message += std::string(" in ") + where;
  }
  if (!ended) message += ", found " + describeFound(found);

  Token *opener = nullptr;
  const char *openerText = nullptr, *closerText = nullptr;
  if (expected.contains(size_t(P::RPAREN)) &&
      (opener = unclosedOpener(tokens, found, P::LPAREN, P::RPAREN)))
    openerText = "(", closerText = ")";
  else if (expected.contains(size_t(P::RBRACKET)) &&
           (opener = unclosedOpener(tokens, found, P::LBRACKET, P::RBRACKET)))
    openerText = "[", closerText = "]";
  else if (expected.contains(size_t(P::RANGLE)) &&
           (opener = unclosedOpener(tokens, found, P::LANGLE, P::RANGLE)))
    openerText = "<", closerText = ">";
  // Right after the opener (`(,`) the list's first item is as likely missing as the
  // closer: keep the message that names both.
  if (opener && previous == opener) opener = nullptr;
  if (opener)
    message = std::string("expected '") + closerText + "' to close '" + openerText +
              "' at line " + std::to_string(opener->getLine()) + ", found " + describeFound(found);

  if (found->getType() == P::IDENT && expected.contains(size_t(P::STAGE))) {
    std::string keyword = closestName(found->getText(), keywords());
    if (!keyword.empty()) message += "; did you mean '" + keyword + "'?";
  } else if (isReservedWord(found->getType()) && expected.contains(size_t(P::IDENT)) &&
             !expected.contains(size_t(found->getType())) &&
             // not `stage name`, which is a new declaration
             !(isDeclarationKeyword(found->getType()) &&
               nextToken(tokens, found)->getType() == P::IDENT)) {
    message += " ('" + found->getText() + "' is a reserved word and cannot be a name)";
  }
  if (decl && decl->getRuleIndex() == P::RuleStageDecl && expected.contains(size_t(P::LPAREN)) &&
      !expected.contains(size_t(P::IDENT)))
    message += " (a stage's parentheses are always written, even when empty)";

  llvm::SMLoc loc = pointAfterPrevious ? text_.locAt(previous->getStopIndex() + 1)
                                       : text_.locAt(found->getStartIndex());
  llvm::SmallVector<llvm::SMRange, 1> ranges;
  if (!pointAfterPrevious && found->getType() != Token::EOF)
    ranges.push_back(text_.range(found->getStartIndex(), found->getStopIndex()));
  diags_.error(loc, message, ranges);
  if (opener)
    diags_.note(text_.locAt(opener->getStartIndex()),
                std::string("to match this '") + openerText + "'");
  // Nothing more would be printed: stop rather than read the rest of a huge file.
  if (diags_.pastErrorLimit()) throw antlr4::ParseCancellationException();
}

// ANTLR's recovery may drop one token that stands in the way. Never drop a keyword
// that starts a declaration: it is where the next declaration, and recovery, begin.
Token *SyntaxErrorStrategy::singleTokenDeletion(antlr4::Parser *parser) {
  if (isDeclarationKeyword(parser->getCurrentToken()->getType())) return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(parser);
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

// Skips through the token stream itself: the parser's consume() would add each skipped
// token to the tree as an error node, and after an error the tree is thrown away. One
// line of ten megabytes of names is one error and five million skipped tokens.
void SyntaxErrorStrategy::consumeUntil(antlr4::Parser *parser, const antlr4::misc::IntervalSet &set) {
  antlr4::TokenStream *tokens = parser->getTokenStream();
  for (size_t type = tokens->LA(1); type != Token::EOF && !set.contains(type); type = tokens->LA(1))
    tokens->consume();
}

bool reportLexicalErrors(antlr4::Lexer &lexer, Diagnostics &diags, const SourceText &text) {
  unsigned before = diags.errorCount();
  size_t lastQuoteLine = 0;
  size_t previousType = Token::INVALID_TYPE;  // of the previous token on the default channel
  // The parser recurses once per bracket level: 13,000 nested '<' overflowed its stack.
  constexpr unsigned maxNesting = 256;
  unsigned nesting = 0;
  auto isOpener = [](size_t type) { return type == P::LANGLE || type == P::LPAREN || type == P::LBRACKET; };
  auto isCloser = [](size_t type) { return type == P::RANGLE || type == P::RPAREN || type == P::RBRACKET; };
  for (std::unique_ptr<Token> owned = lexer.nextToken(); owned->getType() != Token::EOF;
       owned = lexer.nextToken()) {
    if (diags.pastErrorLimit()) break;
    Token *token = owned.get();
    size_t previous = previousType;
    if (token->getChannel() == Token::DEFAULT_CHANNEL) previousType = token->getType();
    llvm::SMLoc at = text.locAt(token->getStartIndex());
    if (isDeclarationKeyword(token->getType())) nesting = 0;  // where the parser resumes
    if (isOpener(token->getType()) && ++nesting > maxNesting) {
      diags.error(at, llvm::Twine("'") + token->getText() + "' nested more than " + llvm::Twine(maxNesting) +
                          " levels deep in one declaration; MPL declarations nest at most " +
                          llvm::Twine(maxNesting) + " levels");
      break;  // the parser's recursion is what this protects: nothing is parsed
    }
    if (isCloser(token->getType()) && nesting > 0) --nesting;
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
      if (previous == P::INCLUDE) {
        diags.error(at, "expected a header name after 'include': <header> or \"file.hpp\"");
        break;
      }
      std::string shown = token->getText();
      if (shown == "'") {
        // 'x' is two of these: one error for the literal, at its opening quote.
        if (token->getLine() == lastQuoteLine) break;
        lastQuoteLine = token->getLine();
        diags.error(at, "unexpected character ''' in MPL declarations: MPL has no character "
                        "literals (a char param's default is a number, e.g. 44 for ',')");
        break;
      }
      if (shown == ";") {
        diags.error(at, "unexpected ';': MPL declarations end without semicolons",
                    {text.range(token->getStartIndex(), token->getStopIndex())});
        break;
      }
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
