// mpl-verify FILE.mpl: checks the diagnostics of `mplc --check FILE.mpl` against the
// expectations written in the file, in the style of clang's -verify:
//
//   // expected-error@+1:23 {{queue 'nmbers' is not declared}}
//   // expected-warning@5:7 {{is declared but no stage uses it}}
//   // expected-note@-2:1 {{first declared here}}
//   // expected-error:7 {{…}}            (this line, column 7)
//
// `@LINE` is absolute, `@+N`/`@-N` relative to the comment's line, and omitted means the
// comment's own line; `:COL` (1-based) is checked when given. The text in {{…}} must
// occur in the message. Every diagnostic must be expected and every expectation met.
// A file that must compile cleanly says so with `// expected-no-diagnostics`; a file
// with neither expectations nor that line fails, so that no case is empty by mistake.
#include "driver/Frontend.h"

#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/raw_ostream.h>

#include <regex>
#include <string>
#include <vector>

namespace {

struct Expectation {
  std::string kind;  // error, warning, note
  int line = 0;
  int column = 0;    // 0: any column
  std::string text;
  int writtenAt = 0;
  bool met = false;
};

struct Seen {
  std::string kind;
  int line, column;
  std::string message;
};

std::vector<Expectation> readExpectations(llvm::StringRef source) {
  static const std::regex pattern(
      R"(expected-(error|warning|note)(@([+-]?)([0-9]+))?(:([0-9]+))?\s*\{\{(.*?)\}\})");
  std::vector<Expectation> expectations;
  int lineNumber = 0;
  llvm::SmallVector<llvm::StringRef, 0> lines;
  source.split(lines, '\n');
  for (llvm::StringRef line : lines) {
    ++lineNumber;
    std::string text = line.str();
    for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
      const std::smatch &m = *it;
      Expectation e;
      e.kind = m[1];
      e.line = lineNumber;
      if (m[4].matched) {
        int n = std::stoi(m[4]);
        e.line = m[3] == "+" ? lineNumber + n : m[3] == "-" ? lineNumber - n : n;
      }
      if (m[6].matched) e.column = std::stoi(m[6]);
      e.text = m[7];
      e.writtenAt = lineNumber;
      expectations.push_back(e);
    }
  }
  return expectations;
}

const char *kindName(llvm::SourceMgr::DiagKind kind) {
  switch (kind) {
  case llvm::SourceMgr::DK_Error: return "error";
  case llvm::SourceMgr::DK_Warning: return "warning";
  case llvm::SourceMgr::DK_Note: return "note";
  default: return "remark";
  }
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    llvm::errs() << "usage: mpl-verify FILE.mpl\n";
    return 2;
  }
  auto buffer = llvm::MemoryBuffer::getFile(argv[1]);
  if (!buffer) {
    llvm::errs() << "mpl-verify: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::vector<Expectation> expectations = readExpectations((*buffer)->getBuffer());

  std::string printed;
  llvm::raw_string_ostream printedStream(printed);
  mpl::Frontend frontend(printedStream);
  std::vector<Seen> seen;
  frontend.sources().setDiagHandler(
      [](const llvm::SMDiagnostic &d, void *context) {
        static_cast<std::vector<Seen> *>(context)->push_back(
            {kindName(d.getKind()), d.getLineNo(), d.getColumnNo() + 1, d.getMessage().str()});
      },
      &seen);
  frontend.load(argv[1]);

  int failures = 0;
  for (const Seen &s : seen) {
    bool matched = false;
    for (Expectation &e : expectations) {
      if (e.met || e.kind != s.kind || e.line != s.line) continue;
      if (e.column && e.column != s.column) continue;
      if (s.message.find(e.text) == std::string::npos) continue;
      e.met = matched = true;
      break;
    }
    if (!matched) {
      ++failures;
      llvm::errs() << argv[1] << ":" << s.line << ":" << s.column << ": unexpected " << s.kind
                   << ": " << s.message << "\n";
    }
  }
  for (const Expectation &e : expectations) {
    if (e.met) continue;
    ++failures;
    llvm::errs() << argv[1] << ":" << e.writtenAt << ": expected " << e.kind << " at line " << e.line;
    if (e.column) llvm::errs() << ":" << e.column;
    llvm::errs() << " containing {{" << e.text << "}} was not reported\n";
  }
  bool noDiagnostics = (*buffer)->getBuffer().contains("expected-no-diagnostics");
  if (noDiagnostics && !expectations.empty()) {
    ++failures;
    llvm::errs() << argv[1] << ": 'expected-no-diagnostics' together with expectations\n";
  }
  if (!noDiagnostics && expectations.empty()) {
    ++failures;
    llvm::errs() << argv[1] << ": no expectations; write 'expected-no-diagnostics' in a file "
                               "that must compile cleanly\n";
  }
  return failures ? 1 : 0;
}
