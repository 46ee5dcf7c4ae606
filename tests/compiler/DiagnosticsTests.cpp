// The diagnostics engine: clang-style output, counts, and "did you mean" suggestions.
#include "Parsed.h"
#include "diag/Diagnostics.h"
#include "parse/SourceFile.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

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

TEST_CASE("Diagnostics.SourceOrder") {
  // Found by different checks in another order (names, params, counts, then stage
  // headers), printed in the order of the file, each with its note.
  Parsed p("queue q: long capacity 0\n"
           "stage s() -> nope { }\n"
           "param n: bool = 3\n"
           "param items: long = 1\n"
           "queue items: long\n");
  CHECK_FALSE(p.file);
  std::vector<size_t> at;
  for (const char *expected :
       {"test.mpl:1:24: error: capacity", "test.mpl:2:14: error: queue 'nope'",
        "test.mpl:3:17: error: default value 3", "test.mpl:5:7: error: duplicate name 'items'",
        "test.mpl:4:7: note: 'items' was first declared here"}) {
    at.push_back(p.diagnostics.find(expected));
    CHECK_MESSAGE(at.back() != std::string::npos, expected);
  }
  CHECK(std::is_sorted(at.begin(), at.end()));
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

TEST_CASE("Diagnostics.LoneCarriageReturnsEndLines") {
  // Old Mac line ends: a lone '\r' ends a line for editors and the C++ compiler, so
  // mplc counts it too (LLVM's line numbers count '\n' only).
  const char *expected =
      "test.mpl:3:20: error: queue 'nmbers' is not declared; did you mean 'numbers'?\n"
      "stage produce() -> nmbers { }\n"
      "                   ^~~~~~\n";
  Parsed lone("// old\rqueue numbers: long\rstage produce() -> nmbers { }\r");
  CHECK(lone.diagnostics == expected);
  SUBCASE("mixed with CRLF and LF") {
    Parsed mixed("// old\r\nqueue numbers: long\rstage produce() -> nmbers { }\n");
    CHECK(mixed.diagnostics == expected);
  }
}

TEST_CASE("Diagnostics.LoneCarriageReturnsBecomeNewlinesInPlace") {
  struct Case {
    std::string text, expected;
  } cases[] = {{"a\rb", "a\nb"},          {"a\r\nb", "a\r\nb"},     {"\r", "\n"},
               {"\r\r\n\r", "\n\r\n\n"}, {"x\r\n\r\n", "x\r\n\r\n"}, {"", ""},
               {"\r\r", "\n\n"},         {"a\r\n\rb\r", "a\r\n\nb\n"}};
  for (auto &c : cases) {
    CAPTURE(c.text);
    std::string text = c.text;
    CHECK(mpl::endLinesAtLoneCarriageReturns(text.data(), text.size()) == (c.text != c.expected));
    CHECK(text == c.expected);
    auto original = llvm::MemoryBuffer::getMemBufferCopy(c.text, "t.mpl");
    const char *start = original->getBufferStart();
    auto read = mpl::withLoneCarriageReturnsAsNewlines(std::move(original));
    CHECK(read->getBuffer() == c.expected);
    // A file without a lone '\r' (CRLF alone) is read as it is, not copied.
    CHECK((read->getBufferStart() == start) == (c.text == c.expected));
  }
}

TEST_CASE("Diagnostics.FileError") {
  std::string out;
  llvm::raw_string_ostream stream(out);
  mpl::Frontend frontend(stream);
  CHECK_FALSE(frontend.load("/nonexistent/dir/missing.mpl"));
  CHECK(frontend.diagnostics().errorCount() == 1);
  CHECK(out.find("/nonexistent/dir/missing.mpl: error: cannot read file") != std::string::npos);
}

TEST_CASE("Diagnostics.SourceLinesPlaceAsGetMessage") {
  // SourceLines finds a location's line from an index instead of scanning it; it must
  // place every location and range exactly as llvm::SourceMgr::GetMessage does.
  const char *texts[] = {"", "a", "\n", "ab\ncd\n", "x\r\ny\rz\n\n\rw", "\r\r\n\n", "one line, no end",
                         "tab\there\nnext"};
  for (const char *text : texts) {
    CAPTURE(text);
    llvm::SourceMgr sources;
    sources.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(text, "t.mpl"), llvm::SMLoc());
    mpl::SourceLines lines(sources);
    llvm::StringRef buffer = sources.getMemoryBuffer(1)->getBuffer();
    for (size_t at = 0; at <= buffer.size(); ++at) {
      for (size_t from = 0; from <= buffer.size(); from += 2) {
        size_t to = std::min(buffer.size(), from + 3);
        llvm::SMLoc loc = llvm::SMLoc::getFromPointer(buffer.data() + at);
        llvm::SMRange range(llvm::SMLoc::getFromPointer(buffer.data() + from),
                            llvm::SMLoc::getFromPointer(buffer.data() + to));
        CAPTURE(at);
        CAPTURE(from);
        llvm::SMDiagnostic expected = sources.GetMessage(loc, llvm::SourceMgr::DK_Error, "m", {range});
        mpl::SourcePlace place = lines.locate(loc, {range});
        CHECK(place.file == expected.getFilename());
        CHECK(place.line == static_cast<unsigned>(expected.getLineNo()));
        CHECK(place.column == expected.getColumnNo());
        CHECK(place.text == expected.getLineContents());
        CHECK(place.ranges == expected.getRanges().vec());
      }
    }
  }
  SUBCASE("no location") {
    llvm::SourceMgr sources;
    mpl::SourcePlace place = mpl::SourceLines(sources).locate(llvm::SMLoc(), {});
    CHECK(place.file.empty());
    CHECK(place.column == -1);
  }
}
