// Hostile inputs to the front-end that once hung or flooded mplc, as unit tests:
// the diagnostics engine stops after 20 errors and shows a window of a very long line.
#include "driver/Frontend.h"

#include <doctest/doctest.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FileUtilities.h>
#include <llvm/Support/raw_ostream.h>

#include <unistd.h>

#include <string>

namespace {
struct Checked {
  std::string out;
  bool ok;
  unsigned errors;  // found, printed or not
  explicit Checked(const std::string &text, unsigned errorLimit = mpl::Diagnostics::defaultErrorLimit,
                   unsigned warningLimit = mpl::Diagnostics::defaultWarningLimit) {
    llvm::raw_string_ostream stream(out);
    mpl::Frontend frontend(stream);
    frontend.diagnostics().setLimits(errorLimit, warningLimit);
    ok = frontend.loadText(text, "hostile.mpl") != nullptr;
    errors = frontend.diagnostics().errorCount();
    stream.flush();
  }
  size_t count(llvm::StringRef what) const { return llvm::StringRef(out).count(what); }
};
}  // namespace

TEST_CASE("Reliability.Frontend.ErrorLimit") {
  // 10 MB of stray '}' once printed 10^7 errors, each with the 10 MB line: quadratic.
  Checked checked(std::string(1'000'000, '}'));
  CHECK_FALSE(checked.ok);
  CHECK(checked.count(": error: ") == 21);
  CHECK(checked.count("hostile.mpl: error: too many errors emitted, stopping now") == 1);
  CHECK(checked.out.size() < 20'000);
  // And stops looking: ten million stray '}' once took 16 s and 1.7 GB to count.
  CHECK(checked.errors == 21);
  SUBCASE("syntax errors, one per line, stop the parser at the limit too") {
    std::string lines;
    for (int i = 0; i < 100'000; ++i) lines += "queue\n";
    Checked syntax(lines);
    CHECK_FALSE(syntax.ok);
    CHECK(syntax.count(": error: ") == 21);
    CHECK(syntax.errors == 21);
  }
  SUBCASE("with no limit, every error is found") {
    Checked all(std::string(30'000, '}'), 0);
    CHECK(all.errors == 30'000);
    CHECK(all.count(": error: ") == 30'000);
  }
}

TEST_CASE("Reliability.Frontend.LongLineWindow") {
  std::string line = "queue q: long " + std::string(5000, 'x') + " @ " + std::string(5000, 'y');
  Checked checked(line + "\n");
  CHECK_FALSE(checked.ok);
  CHECK(checked.count("hostile.mpl:1:5016: error: unexpected character '@'") == 1);
  llvm::SmallVector<llvm::StringRef, 4> lines;
  llvm::StringRef(checked.out).split(lines, '\n');
  REQUIRE(lines.size() >= 3);
  CHECK(lines[1].startswith("..."));
  CHECK(lines[1].endswith("..."));
  CHECK(lines[1].size() < 300);
  // The caret still stands under the '@' in the window.
  size_t caret = lines[2].str().find('^');
  REQUIRE(caret != std::string::npos);
  CHECK(lines[1][caret] == '@');
  SUBCASE("a window never cuts a UTF-8 character") {
    std::string accents;
    for (int i = 0; i < 3000; ++i) accents += "\xc3\xa9";
    Checked utf8("queue q: long " + accents + " @\n");
    for (llvm::StringRef l : llvm::split(utf8.out, '\n'))
      if (l.startswith("...")) CHECK((static_cast<unsigned char>(l[3]) & 0xC0) != 0x80);
  }
}

TEST_CASE("Reliability.Frontend.LongChainOfStages") {
  // The cycle check once recursed once per stage: 100,000 chained stages overflowed the stack.
  constexpr int stages = 100'000;
  std::string text = "queue q0: long\nstage s0() -> q0 { emit(1L); }\n";
  for (int i = 1; i < stages - 1; ++i)
    text += "queue q" + std::to_string(i) + ": long\nstage s" + std::to_string(i) + "(x: q" +
            std::to_string(i - 1) + ") -> q" + std::to_string(i) + " { emit(x); }\n";
  text += "stage last(q" + std::to_string(stages - 2) + ") { for (long x : q" + std::to_string(stages - 2) +
          ") (void)x; }\n";
  SUBCASE("acyclic") {
    Checked checked(text);
    CHECK(checked.ok);
    CHECK(checked.out.empty());
  }
  SUBCASE("closed into a cycle at the end") {
    Checked checked(text + "stage back(q" + std::to_string(stages - 2) + ") -> q0 { }\n");
    CHECK_FALSE(checked.ok);
    CHECK(checked.count("error: the pipeline has a cycle: s1 -> q1 -> ") == 1);
  }
}

namespace {
std::string loadFile(const std::string &path, bool &ok) {
  std::string out;
  llvm::raw_string_ostream stream(out);
  mpl::Frontend frontend(stream);
  ok = frontend.load(path) != nullptr;
  stream.flush();
  return out;
}
}  // namespace

TEST_CASE("Reliability.Frontend.SourceFileLimits") {
  // `mplc /dev/zero --check` once read until it ran out of memory.
  bool ok = true;
  CHECK(loadFile("/dev/zero", ok) ==
        "/dev/zero: error: is a character device, not a regular file; mplc reads sources "
        "from regular files only\n");
  CHECK_FALSE(ok);
  // 64 MiB is the limit; one byte more is refused without reading it (a sparse file).
  llvm::SmallString<128> path;
  REQUIRE_FALSE(llvm::sys::fs::createTemporaryFile("mpl-big", "mpl", path));
  llvm::FileRemover remove(path);
  REQUIRE(::truncate(path.c_str(), (64 << 20) + 1) == 0);
  std::string out = loadFile(path.str().str(), ok);
  CHECK_FALSE(ok);
  CHECK(out == path.str().str() +
                   ": error: is 67108865 bytes; a source file may be at most 64 MiB "
                   "(67108864 bytes)\n");
}

TEST_CASE("Reliability.Frontend.ControlCharactersEscaped") {
  // An ESC in the source once reached the terminal as is, in the message and the line.
  Checked checked("queue q: long \x1b[2J\x7f @\n");
  CHECK_FALSE(checked.ok);
  CHECK(checked.out.find('\x1b') == std::string::npos);
  CHECK(checked.out.find('\x7f') == std::string::npos);
  CHECK(checked.count("hostile.mpl:1:15: error: unexpected character '\\x1b' in MPL declarations") == 1);
  llvm::SmallVector<llvm::StringRef, 8> lines;
  llvm::StringRef(checked.out).split(lines, '\n');
  REQUIRE(lines.size() >= 3);
  CHECK(lines[1] == "queue q: long \\x1b[2J\\x7f @");
  // The caret still stands under the '@', after the longer escaped text.
  size_t at = checked.out.find("error: unexpected character '@'");
  REQUIRE(at != std::string::npos);
  llvm::SmallVector<llvm::StringRef, 4> atLines;
  llvm::StringRef(checked.out).substr(at).split(atLines, '\n');
  REQUIRE(atLines.size() >= 3);
  size_t caret = atLines[2].str().find('^');
  REQUIRE(caret != std::string::npos);
  CHECK(atLines[1][caret] == '@');
  // Its column is the file's byte column (docs/diagnostics.md), not the escaped text's.
  CHECK(checked.count("hostile.mpl:1:21: error: unexpected character '@'") == 1);
  SUBCASE("C1 controls and NUL") {
    Checked c1("queue q: long \xc2\x9b\n");
    CHECK(c1.count("unexpected character '\\u009b'") == 1);
    CHECK(c1.out.find("\xc2\x9b") == std::string::npos);
  }
}

TEST_CASE("Reliability.Frontend.WarningLimit") {
  // 500,000 unused queues once printed 58 MB of warnings.
  std::string text = "stage s() { }\n";
  for (int i = 0; i < 1000; ++i) text += "queue q" + std::to_string(i) + ": long\n";
  Checked checked(text);
  CHECK(checked.ok);
  CHECK(checked.count(": warning: ") == 20);
  CHECK(checked.count("hostile.mpl:21:7: warning: queue 'q19' is declared but no stage uses it") == 1);
  CHECK(llvm::StringRef(checked.out).endswith(
      "hostile.mpl: note: 980 more warnings not shown (--warning-limit=0 shows them all)\n"));
  Checked all(text, 20, 0);
  CHECK(all.count(": warning: ") == 1000);
  CHECK(all.count("more warnings not shown") == 0);
  Checked three(text, 20, 3);
  CHECK(three.count(": warning: ") == 3);
  CHECK(three.count("997 more warnings not shown") == 1);
}

TEST_CASE("Reliability.Frontend.ErrorLimitOption") {
  std::string braces(100, '}');
  Checked two(braces, 2);
  CHECK(two.count(": error: ") == 3);
  CHECK(two.count("too many errors emitted, stopping now (--error-limit=0 shows them all)") == 1);
  Checked unlimited(braces, 0);
  CHECK(unlimited.count(": error: ") == 100);
  CHECK(unlimited.count("too many errors") == 0);
}

TEST_CASE("Reliability.Frontend.DeepNesting") {
  // 13,000 nested '<' in a type overflowed the parser's stack (SIGSEGV, in mplc and in
  // the language server); unclosed, 8,300 did.
  auto nested = [](int depth, bool closed) {
    std::string type = "long";
    for (int i = 0; i < depth; ++i) type = "std::vector<" + type + (closed ? ">" : "");
    return "queue q: " + type + "\n";
  };
  SUBCASE("256 levels parse") {
    Checked checked(nested(256, true) + "stage s() -> q { }\nstage t(q) { }\n");
    CHECK(checked.out.find("nested more than") == std::string::npos);
  }
  SUBCASE("20,000 levels are one clear error") {
    Checked checked(nested(20'000, true));
    CHECK_FALSE(checked.ok);
    CHECK(checked.errors == 1);
    CHECK(checked.count("hostile.mpl:1:3093: error: '<' nested more than 256 levels deep in one declaration") == 1);
  }
  SUBCASE("unclosed, and brackets and parentheses too") {
    for (const char *open : {"std::vector<", "(", "["}) {
      std::string text = "stage s";
      for (int i = 0; i < 10'000; ++i) text += open;
      Checked checked(text);
      CHECK_FALSE(checked.ok);
      CHECK(checked.count("levels deep in one declaration") == 1);
    }
  }
  SUBCASE("the count starts again at each declaration") {
    std::string text;
    for (int i = 0; i < 300; ++i) text += "queue q" + std::to_string(i) + ": std::vector<long\n";
    Checked checked(text);
    CHECK_FALSE(checked.ok);
    CHECK(checked.out.find("nested more than") == std::string::npos);
  }
}

TEST_CASE("Reliability.Frontend.WindowOverInvalidUtf8") {
  // A run of UTF-8 continuation bytes once stretched the shown window over the whole
  // line: 100,000 raw bytes on stderr.
  Checked checked("queue q: long // " + std::string(100'000, '\x80') + "\n");
  CHECK_FALSE(checked.ok);
  CHECK(checked.count("invalid UTF-8") == 1);
  CHECK(checked.out.size() < 1'000);
}

TEST_CASE("Reliability.Frontend.CaretAfterTabAndNonAscii") {
  // The echoed line expands a tab by bytes written; the caret line once counted display
  // columns there, and stood one column right of the '@' after "/*é*/\t".
  for (const char *before : {"/*\xc3\xa9*/\t", "/*\xe4\xb8\xad\xe6\x96\x87*/\t", "\t/*\xc3\xa9*/\t\t"}) {
    CAPTURE(before);
    Checked checked(std::string(before) + "@\n");
    llvm::SmallVector<llvm::StringRef, 4> lines;
    llvm::StringRef(checked.out).split(lines, '\n');
    REQUIRE(lines.size() >= 3);
    size_t at = lines[1].find('@');
    REQUIRE(at < lines[1].size());
    // Display column of the '@': its UTF-8 characters before it (these are all 1 wide,
    // CJK 2), against the caret's.
    size_t display = 0;
    for (size_t i = 0; i < at;) {
      unsigned char c = lines[1][i];
      unsigned length = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
      display += length == 3 ? 2 : 1;
      i += length;
    }
    CHECK(lines[2].find('^') == display);
  }
}
