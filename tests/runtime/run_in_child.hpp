#pragma once
// Runs an MPL program the way a user would — in its own process, with stdout and
// stderr captured — and checks that no process of it is left behind.
#include <mpl/blocking.hpp>

#include <functional>
#include <string>
#include <vector>

namespace mpl_test {

// Sleeps without the 100 ms timeout for the length of a test (the forked run inherits
// it): a lost wake-up then hangs the run, which the child's timeout turns into a failure.
struct no_safety_net {
  long saved = mpl::detail::sleep_timeout_ns;
  no_safety_net() { mpl::detail::sleep_timeout_ns = 0; }
  ~no_safety_net() { mpl::detail::sleep_timeout_ns = saved; }
};

struct run_result {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out, err;
  double seconds = 0;
};

// `program_main` builds an mpl::program and returns program.run(argc, argv). The test
// process is a child subreaper, so a stage process that outlived its supervisor would
// become our child; run_program checks there is none once the run is over.
// `while_running` (optional) is called in the test process with the program's pid.
run_result run_program(const std::function<int(int, char**)>& program_main,
                       std::vector<std::string> args = {}, double timeout_seconds = 30,
                       const std::function<void(int pid)>& while_running = {});

// Pids of live processes whose parent is this test process (orphans of a run).
std::vector<int> leftover_processes();

// Pids of the processes whose parent is `pid`.
std::vector<int> children_of(int pid);

}  // namespace mpl_test
