// The command line of generated programs (spec §7): forms, errors and exit codes.
#include "run_in_child.hpp"

#include <mpl/mpl.hpp>

#include <doctest/doctest.h>

namespace {
long count = 5;
double scale = 1.5;
bool verbose = false;
std::string input;
unsigned short port = 80;

mpl::command_line_parser make_parser() {
  mpl::command_line_parser parser("squares");
  parser.add_param("count", count, "long", "How many numbers to produce.", false);
  parser.add_param("scale", scale, "double", "", false);
  parser.add_param("verbose", verbose, "bool", "Say more.", false);
  parser.add_param("input", input, "std::string", "Text file to read.", true);
  parser.add_param("port", port, "unsigned short", "", false);
  parser.add_stage("produce");
  parser.add_stage("square");
  return parser;
}

std::optional<std::string> parse(std::vector<std::string> args, mpl::parsed_command_line& out) {
  count = 5, scale = 1.5, verbose = false, input.clear(), port = 80;
  args.insert(args.begin(), "squares");
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  return make_parser().parse(static_cast<int>(argv.size()), argv.data(), out);
}
}  // namespace

TEST_CASE("CLI.Forms") {
  mpl::parsed_command_line out;
  SUBCASE("equals and separate value") {
    CHECK_FALSE(parse({"--count=100", "--input", "data.txt", "--scale", "-2.5e1"}, out));
    CHECK(count == 100);
    CHECK(input == "data.txt");
    CHECK(scale == -25.0);
  }
  SUBCASE("bool forms") {
    CHECK_FALSE(parse({"--input=x", "--verbose"}, out));
    CHECK(verbose);
    CHECK_FALSE(parse({"--input=x", "--verbose=false"}, out));
    CHECK_FALSE(verbose);
    CHECK_FALSE(parse({"--input=x", "--verbose", "--no-verbose"}, out));
    CHECK_FALSE(verbose);
  }
  SUBCASE("runtime options") {
    CHECK_FALSE(parse({"--input=x", "--stats", "--workers", "square=8", "--workers=produce=2,square=3"}, out));
    CHECK(out.stats);
    REQUIRE(out.workers.size() == 3);
    CHECK(out.workers[0].stage == "square");
    CHECK(out.workers[0].count == 8);
    CHECK(out.workers[2].count == 3);
  }
  SUBCASE("watching a run") {
    CHECK_FALSE(parse({"--input=x", "--stats=json", "--stats-json", "run.json", "--trace=t.json", "--progress"}, out));
    CHECK_FALSE(out.stats);
    CHECK(out.stats_json);
    CHECK(out.stats_json_file == "run.json");
    CHECK(out.trace_file == "t.json");
    CHECK(out.progress == mpl::progress_mode::on);
    CHECK_FALSE(parse({"--input=x", "--stats=table", "--no-progress"}, out));
    CHECK(out.stats);
    CHECK(out.progress == mpl::progress_mode::off);
  }
  SUBCASE("help needs no required params") {
    CHECK_FALSE(parse({"--help"}, out));
    CHECK(out.help);
  }
}

TEST_CASE("CLI.Errors") {
  mpl::parsed_command_line out;
  CHECK(parse({"--cout=3", "--input=x"}, out) == "unknown option '--cout'; did you mean '--count'?");
  CHECK(parse({"--count=abc", "--input=x"}, out) == "invalid value 'abc' for --count: expected long");
  CHECK(parse({"--stats=csv", "--input=x"}, out) == "invalid value 'csv' for --stats: expected table or json");
  CHECK(parse({"--progress=yes", "--input=x"}, out) == "option '--progress' takes no value");
  CHECK(parse({"--input=x", "--trace"}, out) == "option '--trace' needs a file name");
  CHECK(parse({"--trac=t.json", "--input=x"}, out) == "unknown option '--trac'; did you mean '--trace'?");
  CHECK(parse({"--count=12x", "--input=x"}, out) == "invalid value '12x' for --count: expected long");
  CHECK(parse({"--port=70000", "--input=x"}, out) == "invalid value '70000' for --port: expected unsigned short");
  CHECK(parse({"--verbose=maybe", "--input=x"}, out) == "invalid value 'maybe' for --verbose: expected bool");
  CHECK(parse({}, out) == "missing required option --input=<std::string>");
  CHECK(parse({"--input"}, out) == "option '--input' needs a value (std::string)");
  CHECK(parse({"--input=x", "--workers", "sqare=2"}, out) == "--workers: unknown stage 'sqare'; did you mean 'square'?");
  CHECK(parse({"--input=x", "--workers", "square=0"}, out) ==
        "invalid value 'square=0' for --workers: expected NAME=K with K a positive integer");
  CHECK(parse({"--input=x", "stray"}, out) == "unexpected argument 'stray' (options start with --)");
  CHECK(parse({"--input=x", "--zzzzzz"}, out) == "unknown option '--zzzzzz'");
}

TEST_CASE("CLI.Help") {
  std::string help = make_parser().help_text();
  CHECK(help.find("usage: squares [options]") != std::string::npos);
  CHECK(help.find("--count=<long>") != std::string::npos);
  CHECK(help.find("How many numbers to produce. (default: 5)") != std::string::npos);
  CHECK(help.find("Text file to read. (required)") != std::string::npos);
  CHECK(help.find("--verbose[=<bool>]") != std::string::npos);
  CHECK(help.find("--workers NAME=K") != std::string::npos);
  CHECK(help.find("--stats") != std::string::npos);
  CHECK(help.find("NAME is one of: produce, square") != std::string::npos);
}

namespace {
mpl::shared<int> stage_ran{0};
struct marker_stage : mpl::stage_body {
  explicit marker_stage(mpl::context& ctx) : mpl::stage_body(ctx) {}
  void run() { stage_ran.store(1); }
};
int cli_program(int argc, char** argv) {
  mpl::program program("squares");
  program.param("count", count, "long", "How many numbers to produce.");
  program.param("input", input, "std::string", "", true);
  program.stage<marker_stage>("square", 1, {}, {});
  return program.run(argc, argv);
}
}  // namespace

TEST_CASE("CLI.Program.ExitCodes" * doctest::timeout(20)) {
  stage_ran.store(0);
  auto run = mpl_test::run_program(cli_program, {"--cout=3", "--input=x"});
  CHECK(run.exit_code == 2);
  CHECK(run.err == "error: unknown option '--cout'; did you mean '--count'?\n");
  run = mpl_test::run_program(cli_program, {"--count=abc", "--input=x"});
  CHECK(run.exit_code == 2);
  CHECK(run.err == "error: invalid value 'abc' for --count: expected long\n");
  run = mpl_test::run_program(cli_program, {});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("missing required option --input") != std::string::npos);
  CHECK(stage_ran.load() == 0);  // no stage started
  run = mpl_test::run_program(cli_program, {"--help"});
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("usage: squares") == 0);
  CHECK(stage_ran.load() == 0);
  run = mpl_test::run_program(cli_program, {"--input=x", "--stats"});
  CHECK(run.exit_code == 0);
  CHECK(stage_ran.load() == 1);
  CHECK(run.err.find("bottleneck: stage 'square'") != std::string::npos);
}
