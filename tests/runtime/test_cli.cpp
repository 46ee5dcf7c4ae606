// The command line of generated programs (docs/programs.md): forms, errors and exit codes.
#include "run_in_child.hpp"

#include <mpl/mpl.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

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
  SUBCASE("-h is --help") {
    CHECK_FALSE(parse({"-h"}, out));
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
  CHECK(parse({"--port=70000", "--input=x"}, out) ==
        "invalid value '70000' for --port: out of range for unsigned short (0 to 65535)");
  CHECK(parse({"--count=99999999999999999999", "--input=x"}, out) ==
        "invalid value '99999999999999999999' for --count: out of range for long "
        "(-9223372036854775808 to 9223372036854775807)");
  CHECK(parse({"--port=-1", "--input=x"}, out) == "invalid value '-1' for --port: out of range for unsigned short (0 to 65535)");
  CHECK(parse({"--verbose=maybe", "--input=x"}, out) == "invalid value 'maybe' for --verbose: expected bool");
  CHECK(parse({}, out) == "missing required option --input=<std::string>");
  CHECK(parse({"--input"}, out) == "option '--input' needs a value (std::string)");
  CHECK(parse({"--input=x", "--workers", "sqare=2"}, out) == "--workers: unknown stage 'sqare'; did you mean 'square'?");
  CHECK(parse({"--input=x", "--workers", "square=0"}, out) ==
        "invalid value 'square=0' for --workers: expected NAME=K with K a positive integer");
  CHECK(parse({"--input=x", "stray"}, out) == "unexpected argument 'stray' (options start with --)");
  CHECK(parse({"--input=x", "--zzzzzz"}, out) == "unknown option '--zzzzzz'");
}

TEST_CASE("CLI.Errors.NonFiniteDoubles") {
  // Like 1e999999 (out of range), inf and nan are not values a run can use.
  mpl::parsed_command_line out;
  for (const char* text : {"inf", "-inf", "Infinity", "nan", "-NAN", "nan(0x1)"}) {
    CAPTURE(text);
    CHECK(parse({"--input=x", std::string("--scale=") + text}, out) ==
          fmt::format("invalid value '{}' for --scale: expected a finite double", text));
  }
  CHECK(parse({"--input=x", "--scale=1e999999"}, out) == "invalid value '1e999999' for --scale: expected double");
  CHECK_FALSE(parse({"--input=x", "--scale=1e308"}, out));
  CHECK(scale == 1e308);
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

namespace {
// Runs cli_program in a child with stdout and stderr on the given files (nullptr: a
// pipe, returned in `err`); returns the wait status.
int run_redirected(std::vector<std::string> args, const char* out_path, const char* err_path,
                   std::string& err) {
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fds[0]);
    int out_fd = open(out_path, O_WRONLY);
    int err_fd = err_path ? open(err_path, O_WRONLY) : pipe_fds[1];
    if (out_fd < 0 || err_fd < 0) _exit(99);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    args.insert(args.begin(), "squares");
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    _exit(cli_program(static_cast<int>(args.size()), argv.data()));
  }
  close(pipe_fds[1]);
  char buffer[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) err.append(buffer, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}
}  // namespace

TEST_CASE("CLI.Program.UnwritableOutput" * doctest::timeout(20)) {
  std::string err;
  int status = run_redirected({"--help"}, "/dev/full", nullptr, err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);  // the help was not shown: not a success
  CHECK(err == "error: cannot write the help text: No space left on device\n");
  // And with stderr full too: the same status, not a crash in the error report.
  for (std::vector<std::string> args : {std::vector<std::string>{"--help"}, {"--count=abc", "--input=x"}}) {
    CAPTURE(args[0]);
    err.clear();
    status = run_redirected(args, "/dev/full", "/dev/full", err);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
  }
  err.clear();
  status = run_redirected({"--help"}, "/dev/null", nullptr, err);  // written: success
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(err.empty());
}

TEST_CASE("CLI.Place") {
  mpl::parsed_command_line out;
  SUBCASE("NAME=RANK[,RANK...], repeatable") {
    CHECK_FALSE(parse({"--input=x", "--place", "square=1,2", "--place=produce=0"}, out));
    REQUIRE(out.place.size() == 2);
    CHECK(out.place[0].stage == "square");
    CHECK(out.place[0].ranks == std::vector<int>{1, 2});
    CHECK(out.place[1].ranks == std::vector<int>{0});
  }
  SUBCASE("errors") {
    CHECK(parse({"--input=x", "--place", "sqare=1"}, out) == "--place: unknown stage 'sqare'; did you mean 'square'?");
    CHECK(parse({"--input=x", "--place", "square=-1"}, out) ==
          "invalid value 'square=-1' for --place: expected NAME=RANK[,RANK...] with ranks from 0");
    CHECK(parse({"--input=x", "--place", "square="}, out));
    CHECK(parse({"--input=x", "--place", "square=1,x"}, out));
    CHECK(parse({"--input=x", "--place"}, out) == "option '--place' needs a value NAME=RANK[,RANK...]");
    CHECK(parse({"--input=x", "--place", "square=1", "--place", "square=2"}, out) ==
          "--place square is given twice; list every rank in one");
  }
}
