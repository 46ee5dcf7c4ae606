// --graph: the DOT text for a small pipeline, compared with a checked-in file.
#include "Parsed.h"
#include "emit/Graph.h"

#include <doctest/doctest.h>

#include <llvm/Support/MemoryBuffer.h>

using mpl::test::Parsed;

namespace {

std::string readTestFile(const std::string &name) {
  auto buffer = llvm::MemoryBuffer::getFile(std::string(MPL_COMPILER_TESTS_DIR) + "/" + name);
  REQUIRE_MESSAGE(buffer, "cannot read " << name);
  return (*buffer)->getBuffer().str();
}

std::string graphOf(const std::string &source, llvm::StringRef path,
                    const mpl::GraphStats *stats = nullptr) {
  Parsed p(source, path);
  REQUIRE_MESSAGE(p.file, p.diagnostics);
  std::string dot;
  llvm::raw_string_ostream out(dot);
  mpl::emitGraph(*p.file, out, stats);
  return dot;
}

}  // namespace

TEST_CASE("Graph.Squares") {
  // To update after an intended change: mplc tests/compiler/squares.mpl --graph, run
  // from tests/compiler, into expected/squares.dot — and review the difference.
  CHECK(graphOf(readTestFile("squares.mpl"), "squares.mpl") ==
        readTestFile("expected/squares.dot"));
}

TEST_CASE("Graph.Escaping") {
  // Quotes in names, paths and types stay inside DOT strings.
  std::string dot = graphOf("queue q: std::array<char, 2>\nstage a() -> q { }\nstage b(q) { }\n",
                            "dir/\"quoted\".mpl");
  CHECK(dot.find("digraph \"dir/\\\"quoted\\\".mpl\" {") != std::string::npos);
  CHECK(dot.find("label=\"queue q\\nstd::array<char, 2>, capacity 1024\"") != std::string::npos);
}

TEST_CASE("Graph.PoolsLookDifferent") {
  std::string dot = graphOf("queue q: long\nqueue r: long\nstage a() -> q { }\n"
                            "pool p(x: q) -> r { }\nstage b(r) { }\n",
                            "t.mpl");
  CHECK(dot.find("\"stage:p\" [label=\"pool p ×CPUs\\nordered\", shape=box3d") !=
        std::string::npos);
  CHECK(dot.find("\"stage:a\" [label=\"stage a\", shape=box,") != std::string::npos);
}

TEST_CASE("Graph.AnnotatedWithStats") {
  // squares.stats.json is what `squares --count=100000 --stats-json=…` wrote. To update:
  // from tests/compiler, mplc squares.mpl --graph --stats-from=squares.stats.json
  // -o expected/squares.annotated.dot — and review the difference.
  auto stats = mpl::parseGraphStats(readTestFile("squares.stats.json"));
  REQUIRE_MESSAGE(static_cast<bool>(stats), llvm::toString(stats.takeError()));
  CHECK(graphOf(readTestFile("squares.mpl"), "squares.mpl", &*stats) ==
        readTestFile("expected/squares.annotated.dot"));
}

TEST_CASE("Graph.StatsMustBeStatsJson") {
  auto notJson = mpl::parseGraphStats("stats squares (wall time 0.1 s)");
  CHECK_FALSE(static_cast<bool>(notJson));
  llvm::consumeError(notJson.takeError());
  auto otherJson = mpl::parseGraphStats(R"({"stages": []})");
  REQUIRE_FALSE(static_cast<bool>(otherJson));
  CHECK(llvm::toString(otherJson.takeError()) ==
        "not the JSON of --stats=json: no \"format\": \"mpl-stats\"");
}
