// The lexer (grammar/MPLLexer.g4) is the one list of MPL's keywords: what the compiler
// says, the reference and the three editor grammars must all know every one of them.
#include "parse/Keywords.h"

#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

std::string readSource(const std::string &relative) {
  std::ifstream in(std::string(MPL_SOURCE_DIR) + "/" + relative);
  REQUIRE_MESSAGE(in, "cannot read " << relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("Keywords.FromTheLexer") {
  const auto &words = mpl::keywords();
  CHECK(words.front() == "include");
  CHECK(words.back() == "false");
  CHECK(words.size() == 16);
  CHECK(mpl::declarationKeywordList() ==
        "include, cpp, param, queue, pipe, shared, stage, pool, before or after");
  CHECK(mpl::stageOptionKeywords() == std::vector<std::string>{"ordered", "unordered", "retry"});
}

TEST_CASE("Keywords.EveryEditorAndTheReferenceListThem") {
  for (const char *file : {"editors/vscode/syntaxes/mpl.tmLanguage.json",
                           "editors/vim/syntax/mpl.vim", "editors/emacs/mpl-mode.el",
                           "docs/language.md"}) {
    std::string text = readSource(file);
    for (const std::string &keyword : mpl::keywords()) {
      CAPTURE(file);
      CAPTURE(keyword);
      CHECK(std::regex_search(text, std::regex("\\b" + keyword + "\\b")));
    }
  }
}
