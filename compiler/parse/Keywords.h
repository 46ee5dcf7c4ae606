// MPL's keywords, spelled as the lexer spells them. grammar/MPLLexer.g4 is the one
// list: these are read from the generated lexer, and everything else that names
// keywords (syntax errors, completion, tests of the docs and the editor grammars)
// takes them from here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace mpl {

/// Every keyword, in the order the lexer declares them ("include" … "false").
const std::vector<std::string> &keywords();

/// The keywords that start a declaration ("include", "cpp", … "after").
const std::vector<std::string> &declarationKeywords();

/// The options a pool header may carry ("ordered", "unordered", "retry").
const std::vector<std::string> &stageOptionKeywords();

/// Their token types (MPLLexer::INCLUDE …): for the parse layer.
const std::vector<std::size_t> &declarationKeywordTokens();

/// True for a keyword's token type (MPLLexer::QUEUE …): for the parse layer.
bool isKeywordToken(std::size_t tokenType);

/// "include, cpp, param, queue, pipe, shared, stage, pool, before or after".
std::string declarationKeywordList();

}  // namespace mpl
