// Placing stages on MPI ranks (docs/distributed.md, "Placement"): the defaults, --place,
// shared values, and where an ordered pool keeps its order.
#include "distribution.hpp"

#include <doctest/doctest.h>

using namespace mpl::detail;

namespace {
void no_body(mpl::context&) {}

stage_decl stage(std::string name, stage_kind kind, std::vector<int> inputs, std::vector<int> outputs,
                 mpl::order ordering = mpl::order::unordered, std::string shared = {}) {
  return {std::move(name), 2, kind, std::move(inputs), std::move(outputs), ordering, 0, &no_body, std::move(shared)};
}

// source -> q0 -> work (pool) -> q1 -> sink
program_decl pipeline(mpl::order ordering, std::string shared = {}) {
  program_decl decl{"p", {}, {}, nullptr, nullptr};  // (assigning the name trips g++ 12's -Wrestrict)
  decl.stages.push_back(stage("source", stage_kind::whole_body, {}, {0}));
  decl.stages.push_back(stage("work", stage_kind::pool, {0}, {1}, ordering, std::move(shared)));
  decl.stages.push_back(stage("sink", stage_kind::whole_body, {1}, {}));
  return decl;
}

std::optional<std::string> place(const program_decl& decl, std::vector<mpl::place_override> overrides, int ranks,
                                 std::vector<std::vector<int>>& where, std::vector<ordered_spread>& spreads) {
  mpl::parsed_command_line options;
  options.place = std::move(overrides);
  return place_stages(decl, options, ranks, where, spreads);
}
}  // namespace

TEST_CASE("Placement.Defaults") {
  std::vector<std::vector<int>> where;
  std::vector<ordered_spread> spreads;
  SUBCASE("an unordered pool on every rank, the other stages on rank 0") {
    REQUIRE_FALSE(place(pipeline(mpl::order::unordered), {}, 3, where, spreads));
    CHECK(where == std::vector<std::vector<int>>{{0}, {0, 1, 2}, {0}});
    CHECK(spreads.empty());
  }
  SUBCASE("an ordered pool spreads with rank 0 as its hub") {
    REQUIRE_FALSE(place(pipeline(mpl::order::ordered), {}, 3, where, spreads));
    CHECK(where[1] == std::vector<int>{0, 1, 2});
    REQUIRE(spreads.size() == 1);
    CHECK(spreads[0].hub == 0);
    CHECK(spreads[0].input == 0);
    CHECK(spreads[0].output == 1);
  }
  SUBCASE("one rank: everything on rank 0, nothing spread") {
    REQUIRE_FALSE(place(pipeline(mpl::order::ordered), {}, 1, where, spreads));
    CHECK(where == std::vector<std::vector<int>>{{0}, {0}, {0}});
    CHECK(spreads.empty());
  }
  SUBCASE("a pool that uses a shared value stays on rank 0") {
    REQUIRE_FALSE(place(pipeline(mpl::order::unordered, "counter"), {}, 3, where, spreads));
    CHECK(where[1] == std::vector<int>{0});
  }
  SUBCASE("an ordered pool fed by a pool on every rank has no hub: it stays on rank 0") {
    program_decl decl = pipeline(mpl::order::unordered);  // source -> q0 -> work -> q1 -> sink
    decl.stages[2] = stage("merge", stage_kind::pool, {1}, {2}, mpl::order::ordered);
    decl.stages.push_back(stage("sink", stage_kind::whole_body, {2}, {}));
    REQUIRE_FALSE(place(decl, {}, 2, where, spreads));
    CHECK(where[1] == std::vector<int>{0, 1});
    CHECK(where[2] == std::vector<int>{0});
    CHECK(spreads.empty());
  }
}

TEST_CASE("Placement.Place") {
  std::vector<std::vector<int>> where;
  std::vector<ordered_spread> spreads;
  SUBCASE("moves a stage; a pool's ranks as listed") {
    REQUIRE_FALSE(place(pipeline(mpl::order::unordered), {{"sink", {2}}, {"work", {2, 1}}}, 3, where, spreads));
    CHECK(where == std::vector<std::vector<int>>{{0}, {1, 2}, {2}});
  }
  SUBCASE("a rank that does not exist") {
    CHECK(place(pipeline(mpl::order::unordered), {{"work", {0, 3}}}, 3, where, spreads) ==
          "--place work: rank 3 does not exist; this run has 3 ranks (0 to 2)");
    CHECK(place(pipeline(mpl::order::unordered), {{"work", {1}}}, 1, where, spreads)->find("this run has one rank") !=
          std::string::npos);
  }
  SUBCASE("a stage that uses a shared value cannot leave rank 0") {
    CHECK(place(pipeline(mpl::order::unordered, "counter"), {{"work", {1}}}, 2, where, spreads) ==
          "--place work=1: 'work' uses shared value 'counter', which lives on rank 0; it can run only there");
  }
  SUBCASE("an ordered pool on several ranks needs one hub") {
    auto error = place(pipeline(mpl::order::ordered), {{"sink", {1}}, {"work", {0, 1}}}, 2, where, spreads);
    REQUIRE(error);
    CHECK(error->find("ordered pool 'work' can run on several ranks only when one rank writes its input and reads "
                      "its output") != std::string::npos);
  }
  SUBCASE("an ordered pool whose hub is rank 1") {
    REQUIRE_FALSE(place(pipeline(mpl::order::ordered), {{"source", {1}}, {"sink", {1}}}, 3, where, spreads));
    REQUIRE(spreads.size() == 1);
    CHECK(spreads[0].hub == 1);
  }
}
