// The AST builder: every declaration form of docs/language.md ("Declarations", "Stages and pools") lands in the right fields.
#include "Parsed.h"

#include <doctest/doctest.h>

using mpl::test::Parsed;
namespace ast = mpl::ast;

TEST_CASE("AST.Include") {
  Parsed p("include <cmath>\ninclude \"point.hpp\"\ninclude <fmt/ostream.h>\n");
  REQUIRE(p.file);
  REQUIRE(p.file->includes.size() == 3);
  CHECK(p.file->includes[0]->header == "<cmath>");
  CHECK(p.file->includes[1]->header == "\"point.hpp\"");
  CHECK(p.file->includes[2]->header == "<fmt/ostream.h>");
  CHECK(p.lineAndColumn(p.file->includes[1]->range.Start) == std::pair(2u, 1u));
}

TEST_CASE("AST.CppBlock") {
  Parsed p("// leading comment\n"
           "cpp { struct Point { double x, y; }; }\n"
           "cpp {\n  inline int twice(int x) { return 2 * x; }\n}\n");
  REQUIRE(p.file);
  REQUIRE(p.file->cppBlocks.size() == 2);
  const ast::CppBlock &first = p.file->cppBlocks[0]->block;
  CHECK(first.code == "{ struct Point { double x, y; }; }");
  CHECK(first.line == 2);
  CHECK(p.lineAndColumn(first.range.Start) == std::pair(2u, 5u));
  const ast::CppBlock &second = p.file->cppBlocks[1]->block;
  CHECK(second.code == "{\n  inline int twice(int x) { return 2 * x; }\n}");
  CHECK(second.line == 3);
}

TEST_CASE("AST.Param") {
  Parsed p("/// How many numbers\n"
           "///   to produce.\n"
           "param count: long = 5\n"
           "param input: std::string\n"
           "\n"
           "/// Separated from its param by a blank line: not its help.\n"
           "\n"
           "param verbose: bool = false\n"
           "param scale: double = -1.5e3\n"
           "param offset: int = +3\n"
           "param title: std::string = \"a \\\"quoted\\\" title\"\n"
           "param mask: unsigned long = 0xFF'FF\n");
  REQUIRE(p.file);
  const auto &params = p.file->params;
  REQUIRE(params.size() == 7);

  SUBCASE("name, type and default") {
    CHECK(params[0]->name.text == "count");
    CHECK(params[0]->type.text == "long");
    REQUIRE(params[0]->defaultValue);
    CHECK(params[0]->defaultValue->kind == ast::Literal::Kind::Integer);
    CHECK(params[0]->defaultValue->text == "5");
    CHECK(p.lineAndColumn(params[0]->name.loc()) == std::pair(3u, 7u));
    CHECK(p.lineAndColumn(params[0]->type.range.Start) == std::pair(3u, 14u));
  }
  SUBCASE("required param has no default") {
    CHECK(params[1]->name.text == "input");
    CHECK(params[1]->type.text == "std::string");
    CHECK_FALSE(params[1]->defaultValue);
  }
  SUBCASE("help text: the /// lines directly above, joined") {
    CHECK(params[0]->help == "How many numbers to produce.");
    CHECK(params[1]->help.empty());
    CHECK(params[2]->help.empty());
  }
  SUBCASE("literal kinds, signs and quotes kept as written") {
    CHECK(params[2]->defaultValue->kind == ast::Literal::Kind::Bool);
    CHECK(params[2]->defaultValue->text == "false");
    CHECK(params[3]->defaultValue->kind == ast::Literal::Kind::Float);
    CHECK(params[3]->defaultValue->text == "-1.5e3");
    CHECK(params[4]->defaultValue->kind == ast::Literal::Kind::Integer);
    CHECK(params[4]->defaultValue->text == "+3");
    CHECK(params[5]->defaultValue->kind == ast::Literal::Kind::String);
    CHECK(params[5]->defaultValue->text == "\"a \\\"quoted\\\" title\"");
    CHECK(params[6]->type.text == "unsigned long");
    CHECK(params[6]->defaultValue->text == "0xFF'FF");
  }
}

TEST_CASE("AST.Queue") {
  Parsed p("param qsize: long = 8\n"
           "queue numbers: long\n"
           "queue lines: std::string capacity 256\n"
           "queue jobs: std::pair<int, double> capacity qsize\n"
           "queue big: long capacity 1'024\n"
           "pipe control: int\n"
           "stage a() -> numbers, lines, jobs, big, control { }\n"
           "stage b(numbers, lines, jobs, big, control) { }\n");
  REQUIRE(p.file);
  const auto &queues = p.file->queues;
  REQUIRE(queues.size() == 5);
  CHECK_FALSE(queues[0]->isPipe);
  CHECK_FALSE(queues[0]->capacity);
  REQUIRE(queues[1]->capacity);
  CHECK(queues[1]->capacity->isLiteral());
  CHECK(queues[1]->capacity->literal() == 256);
  REQUIRE(queues[2]->capacity);
  CHECK_FALSE(queues[2]->capacity->isLiteral());
  CHECK(queues[2]->capacity->param().text == "qsize");
  CHECK(queues[2]->type.text == "std::pair<int, double>");
  CHECK(queues[3]->capacity->literal() == 1024);
  CHECK(queues[4]->isPipe);
  CHECK(queues[4]->name.text == "control");
  CHECK(queues[4]->type.text == "int");
}

TEST_CASE("AST.TypeNormalisation") {
  auto typeOf = [](const std::string &written) {
    Parsed p("queue q: " + written + "\nstage a() -> q { }\nstage b(q) { }\n");
    REQUIRE_MESSAGE(p.file, p.diagnostics);
    return p.file->queues.front()->type.text;
  };
  CHECK(typeOf("std::pair< int ,double >") == "std::pair<int, double>");
  CHECK(typeOf("unsigned   long\n  long") == "unsigned long long");
  CHECK(typeOf("std::array<char,16>") == "std::array<char, 16>");
  CHECK(typeOf("std::vector<std::vector<int> >") == "std::vector<std::vector<int>>");
  CHECK(typeOf("const char *") == "const char*");
  CHECK(typeOf(":: geo :: Point") == "::geo::Point");
  CHECK(typeOf("std::tuple<int, bool, std::optional<double>>") ==
        "std::tuple<int, bool, std::optional<double>>");
  CHECK(typeOf("std::string const &") == "std::string const&");
}

TEST_CASE("AST.Shared") {
  Parsed p("cpp { struct Point { double x, y; }; }\n"
           "shared hits: long = 0\n"
           "shared hist: long[16]\n"
           "shared origin: Point = { 1.5, -2.0 }\n"
           "shared name: std::string\n");
  REQUIRE(p.file);
  const auto &shareds = p.file->shareds;
  REQUIRE(shareds.size() == 4);
  REQUIRE(shareds[0]->initLiteral);
  CHECK(shareds[0]->initLiteral->text == "0");
  CHECK_FALSE(shareds[0]->arraySize);
  REQUIRE(shareds[1]->arraySize);
  CHECK(shareds[1]->arraySize->literal() == 16);
  CHECK(shareds[1]->type.text == "long");
  CHECK_FALSE(shareds[1]->initLiteral);
  REQUIRE(shareds[2]->initBlock);
  CHECK(shareds[2]->initBlock->code == "{ 1.5, -2.0 }");
  CHECK_FALSE(shareds[3]->initLiteral);
  CHECK_FALSE(shareds[3]->initBlock);
}

TEST_CASE("AST.Hooks") {
  Parsed p("after { fmt::print(\"done\\n\"); }\nbefore { setup(); }\n");
  REQUIRE(p.file);
  REQUIRE(p.file->hooks.size() == 2);
  CHECK(p.file->hooks[0]->kind == ast::HookDecl::Kind::After);
  CHECK(p.file->hooks[0]->body.code == "{ fmt::print(\"done\\n\"); }");
  CHECK(p.file->hooks[1]->kind == ast::HookDecl::Kind::Before);
  CHECK(p.file->hooks[1]->body.line == 2);
}

TEST_CASE("AST.Stage") {
  Parsed p("param n: int = 3\n"
           "queue numbers: long\n"
           "queue squares: long\n"
           "queue evens: long\n"
           "queue odds: long\n"
           "stage produce() -> numbers {\n  emit(1L);\n}\n"
           "pool square[4](x: numbers) -> squares ordered retry 2 { emit(x * x); }\n"
           "pool split(x: squares) -> evens, odds unordered { }\n"
           "stage report[n](evens, odds) { }\n");
  REQUIRE_MESSAGE(p.file, p.diagnostics);
  const auto &stages = p.file->stages;
  REQUIRE(stages.size() == 4);

  SUBCASE("whole-body stage without inputs") {
    const ast::StageDecl &produce = *stages[0];
    CHECK_FALSE(produce.isPool);
    CHECK(produce.name.text == "produce");
    CHECK_FALSE(produce.replicas);
    CHECK(produce.inputs.empty());
    REQUIRE(produce.outputs.size() == 1);
    CHECK(produce.outputs[0].text == "numbers");
    CHECK(produce.options.empty());
    CHECK(produce.body.code == "{\n  emit(1L);\n}");
    CHECK(produce.body.line == 6);
    CHECK_FALSE(produce.isPerItem());
    CHECK(p.lineAndColumn(produce.keywordLoc) == std::pair(6u, 1u));
  }
  SUBCASE("pool with a per-item binding, a count and options") {
    const ast::StageDecl &square = *stages[1];
    CHECK(square.isPool);
    REQUIRE(square.replicas);
    CHECK(square.replicas->literal() == 4);
    REQUIRE(square.inputs.size() == 1);
    REQUIRE(square.inputs[0].binding);
    CHECK(square.inputs[0].binding->text == "x");
    CHECK(square.inputs[0].queue.text == "numbers");
    CHECK(square.isPerItem());
    CHECK(p.lineAndColumn(square.inputsRange.Start) == std::pair(9u, 15u));
    REQUIRE(square.options.size() == 2);
    CHECK(square.options[0].kind == ast::StageOption::Kind::Ordered);
    CHECK(square.options[1].kind == ast::StageOption::Kind::Retry);
    CHECK(square.options[1].retries == 2);
    CHECK(square.body.code == "{ emit(x * x); }");
  }
  SUBCASE("pool without a count, several outputs") {
    const ast::StageDecl &split = *stages[2];
    CHECK_FALSE(split.replicas);
    REQUIRE(split.outputs.size() == 2);
    CHECK(split.outputs[1].text == "odds");
    REQUIRE(split.options.size() == 1);
    CHECK(split.options[0].kind == ast::StageOption::Kind::Unordered);
  }
  SUBCASE("replicas named by a param, several bare inputs") {
    const ast::StageDecl &report = *stages[3];
    REQUIRE(report.replicas);
    CHECK(report.replicas->param().text == "n");
    REQUIRE(report.inputs.size() == 2);
    CHECK_FALSE(report.inputs[0].binding);
    CHECK(report.inputs[1].queue.text == "odds");
    CHECK(report.outputs.empty());
    CHECK(p.lineAndColumn(report.inputs[1].queue.loc()) == std::pair(11u, 24u));
  }
}

TEST_CASE("AST.CppBlockBraces") {
  // Braces in literals, comments and raw strings do not end the body; digit separators
  // are not character literals.
  const char *body = "{\n"
                     "  std::string s = \"}\"; char c = '{'; long m = 1'000; char d = '}';\n"
                     "  // }\n"
                     "  /* { */ auto r = R\"x(})x\";\n"
                     "  auto f = [] { return std::vector<int>{1, {}}; };\n"
                     "}";
  Parsed p(std::string("queue q: long\nstage a() -> q ") + body + "\nstage b(q) { }\n");
  REQUIRE_MESSAGE(p.file, p.diagnostics);
  CHECK(p.file->stages[0]->body.code == body);
  CHECK(p.file->stages[1]->body.line == 8);
}

TEST_CASE("AST.NothingOnErrors") {
  Parsed p("queue q: long\nstage a() -> nope { }\n");
  CHECK_FALSE(p.file);
  CHECK(p.frontend.diagnostics().errorCount() == 1);
  CHECK(p.diagnostics.find("test.mpl:2:14: error: queue 'nope' is not declared") !=
        std::string::npos);
}
