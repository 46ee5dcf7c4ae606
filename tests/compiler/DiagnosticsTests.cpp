// The diagnostics engine: clang-style output, counts, and "did you mean" suggestions.
#include "Parsed.h"
#include "diag/Diagnostics.h"

#include <doctest/doctest.h>

#include <llvm/Support/MemoryBuffer.h>

using mpl::test::Parsed;

TEST_CASE("Diagnostics.ClosestName") {
  std::vector<std::string> names = {"numbers", "squares", "count", "q"};
  CHECK(mpl::closestName("nmbers", names) == "numbers");
  CHECK(mpl::closestName("Squares", names) == "squares");
  CHECK(mpl::closestName("cuont", names) == "count");
  CHECK(mpl::closestName("qq", names) == "q");
  SUBCASE("nothing close enough") {
    CHECK(mpl::closestName("totals", names).empty());
    CHECK(mpl::closestName("numbersquares", names).empty());
  }
  SUBCASE("a one-letter name is no typo of another") {
    CHECK(mpl::closestName("x", names).empty());
  }
  SUBCASE("the name itself is not suggested") {
    CHECK(mpl::closestName("count", {"count"}).empty());
  }
  SUBCASE("the closest of several wins, the first on a tie") {
    CHECK(mpl::closestName("lines", {"linez", "line"}) == "linez");
    CHECK(mpl::closestName("abcd", {"abce", "abcf"}) == "abce");
  }
}

TEST_CASE("Diagnostics.Format") {
  Parsed p("queue numbers: long\n"
           "stage produce() -> nmbers { }\n");
  CHECK_FALSE(p.file);
  CHECK(p.diagnostics ==
        "test.mpl:2:20: error: queue 'nmbers' is not declared; did you mean 'numbers'?\n"
        "stage produce() -> nmbers { }\n"
        "                   ^~~~~~\n");
}

TEST_CASE("Diagnostics.NotesAndWarnings") {
  Parsed p("queue items: long\nqueue spare: int\nparam items: long = 3\n");
  CHECK_FALSE(p.file);
  auto &diags = p.frontend.diagnostics();
  CHECK(diags.errorCount() == 1);
  CHECK(diags.hasErrors());
  CHECK(p.diagnostics.find("test.mpl:3:7: error: duplicate name 'items'") != std::string::npos);
  CHECK(p.diagnostics.find("test.mpl:1:7: note: 'items' was first declared here") !=
        std::string::npos);

  Parsed clean("queue spare: int\n");
  REQUIRE(clean.file);  // a warning does not fail the check
  CHECK(clean.frontend.diagnostics().warningCount() == 1);
  CHECK(clean.frontend.diagnostics().errorCount() == 0);
  CHECK(clean.diagnostics.find("test.mpl:1:7: warning: queue 'spare' is declared but no stage "
                               "uses it") != std::string::npos);
}

TEST_CASE("Diagnostics.CaretAfterNonASCII") {
  // llvm::SMDiagnostic drops the caret line under non-ASCII text; ours keeps it, in
  // display columns.
  Parsed p("queue q: long\nstage a() -> q { }\nstage b(/* café */ qq) { }\n");
  CHECK_FALSE(p.file);
  CHECK(p.diagnostics ==
        "test.mpl:3:21: error: queue 'qq' is not declared; did you mean 'q'?\n"
        "stage b(/* café */ qq) { }\n"
        "                   ^~\n");
}

TEST_CASE("Diagnostics.FileError") {
  std::string out;
  llvm::raw_string_ostream stream(out);
  mpl::Frontend frontend(stream);
  CHECK_FALSE(frontend.load("/nonexistent/dir/missing.mpl"));
  CHECK(frontend.diagnostics().errorCount() == 1);
  CHECK(out.find("/nonexistent/dir/missing.mpl: error: cannot read file") != std::string::npos);
}
