// Turns ANTLR's recognition errors into MPL diagnostics: what was expected, in MPL's
// words ("expected ':' after 'count' in a param declaration"), pointing at the token,
// and for an unclosed '(' or '[' back at the opening bracket.
#pragma once

#include "diag/Diagnostics.h"
#include "parse/AntlrIncludes.h"
#include "parse/SourceText.h"

namespace mpl {

class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  SyntaxErrorStrategy(Diagnostics &diags, const SourceText &text) : diags_(diags), text_(text) {}

  void reportError(antlr4::Parser *parser, const antlr4::RecognitionException &e) override;
  void reportUnwantedToken(antlr4::Parser *parser) override;
  void reportMissingToken(antlr4::Parser *parser) override;

protected:
  antlr4::Token *singleTokenDeletion(antlr4::Parser *parser) override;
  void consumeUntil(antlr4::Parser *parser, const antlr4::misc::IntervalSet &set) override;

private:
  void report(antlr4::Parser *parser, antlr4::Token *found,
              const antlr4::misc::IntervalSet &expected);

  Diagnostics &diags_;
  const SourceText &text_;
  size_t lastErrorLine_ = 0;  // line of the token of the last syntax error reported
};

/// Reads every token from `lexer` and reports those that can never start anything (bad
/// characters, unterminated blocks, strings and comments, a stray '}'); returns false
/// when there were any. Tokens are not kept, and the scan stops at the error limit: ten
/// million stray '}' are neither ten million tokens in memory nor ten million errors.
bool reportLexicalErrors(antlr4::Lexer &lexer, Diagnostics &diags, const SourceText &text);

}  // namespace mpl
