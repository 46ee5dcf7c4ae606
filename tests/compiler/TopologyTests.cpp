// The pipeline graph: who writes and reads each queue, pool ordering after defaults,
// replica counts and retries.
#include "Parsed.h"
#include "check/Topology.h"

#include <doctest/doctest.h>

using mpl::test::Parsed;
namespace ast = mpl::ast;

namespace {

const ast::StageDecl &stageNamed(const ast::File &file, llvm::StringRef name) {
  for (const auto &stage : file.stages)
    if (stage->name.text == name) return *stage;
  FAIL("no stage " << name.str());
  return *file.stages.front();
}

}  // namespace

TEST_CASE("Topology.ReadersAndWriters") {
  Parsed p("queue numbers: long\nqueue results: long\n"
           "stage a() -> numbers { }\nstage b() -> numbers, results { }\n"
           "pool c(x: numbers) -> results { }\nstage d(results) { }\n");
  REQUIRE_MESSAGE(p.file, p.diagnostics);
  mpl::Topology topology = mpl::buildTopology(*p.file);
  const mpl::QueueTopology *numbers = topology.find("numbers");
  REQUIRE(numbers);
  CHECK(numbers->decl == p.file->queues[0].get());
  REQUIRE(numbers->writers.size() == 2);
  CHECK(numbers->writers[0].stage->name.text == "a");
  CHECK(numbers->writers[1].stage->name.text == "b");
  REQUIRE(numbers->readers.size() == 1);
  CHECK(numbers->readers[0].stage->name.text == "c");
  CHECK(numbers->readers[0].reference->text == "numbers");
  CHECK(p.lineAndColumn(numbers->readers[0].reference->loc()) == std::pair(5u, 11u));
  const mpl::QueueTopology *results = topology.find("results");
  REQUIRE(results);
  CHECK(results->writers.size() == 2);
  CHECK(results->readers.size() == 1);
  CHECK_FALSE(topology.find("absent"));
}

TEST_CASE("Topology.EffectiveOrdering") {
  Parsed p("queue in: long\nqueue one: long\nqueue shared_out: long\nqueue left: long\n"
           "queue right: long\nqueue explicit_out: long\nqueue forced: long\n"
           "stage src() -> in, shared_out { }\n"
           "pool only_writer(x: in) -> one { }\n"
           "pool with_other_writer(x: in) -> shared_out { }\n"
           "pool two_outputs(x: in) -> left, right { }\n"
           "pool no_output(x: in) { }\n"
           "pool said_unordered(x: in) -> explicit_out unordered { }\n"
           "pool said_ordered(x: in) -> forced ordered { }\n"
           "stage sink(one, shared_out, left, right, explicit_out, forced) { }\n");
  REQUIRE_MESSAGE(p.file, p.diagnostics);
  mpl::Topology topology = mpl::buildTopology(*p.file);
  auto ordering = [&](llvm::StringRef pool) {
    return mpl::effectiveOrdering(stageNamed(*p.file, pool), topology);
  };
  // `ordered` is the default for a pool with exactly one output no other stage writes.
  CHECK(ordering("only_writer") == ast::Ordering::Ordered);
  CHECK(ordering("with_other_writer") == ast::Ordering::Unordered);
  CHECK(ordering("two_outputs") == ast::Ordering::Unordered);
  CHECK(ordering("no_output") == ast::Ordering::Unordered);
  CHECK(ordering("said_unordered") == ast::Ordering::Unordered);
  CHECK(ordering("said_ordered") == ast::Ordering::Ordered);
}

TEST_CASE("Topology.ReplicasAndRetries") {
  Parsed p("param n: int = 2\nqueue q: long\n"
           "stage one() -> q { }\nstage three[3]() -> q { }\nstage sized[n]() -> q { }\n"
           "pool per_cpu(x: q) retry 4 { }\npool four[4](x: q) { }\n");
  REQUIRE_MESSAGE(p.file, p.diagnostics);
  auto replicas = [&](llvm::StringRef stage) {
    return mpl::literalReplicas(stageNamed(*p.file, stage));
  };
  CHECK(replicas("one") == 1);
  CHECK(replicas("three") == 3);
  CHECK_FALSE(replicas("sized"));    // known at run time only
  CHECK_FALSE(replicas("per_cpu"));  // one worker per CPU
  CHECK(replicas("four") == 4);
  CHECK(mpl::retryCount(stageNamed(*p.file, "per_cpu")) == 4);
  CHECK(mpl::retryCount(stageNamed(*p.file, "four")) == 0);
}
