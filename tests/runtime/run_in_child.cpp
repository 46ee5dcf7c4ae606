#include "run_in_child.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <doctest/doctest.h>

namespace mpl_test {
namespace {
// Orphans of a run are re-parented to us, so a leftover process is visible.
const bool subreaper = prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;

std::string read_all(std::FILE* file) {
  std::string text;
  std::rewind(file);
  char buffer[4096];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, got);
  std::fclose(file);
  return text;
}

int parent_of(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  auto close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(line.substr(close + 2));
  char state;
  int parent;
  rest >> state >> parent;
  return state == 'Z' ? -1 : parent;  // zombies are dead already
}
}  // namespace

std::vector<int> children_of(int pid) {
  std::vector<int> children;
  if (DIR* proc = opendir("/proc")) {
    while (dirent* entry = readdir(proc)) {
      int candidate = std::atoi(entry->d_name);
      if (candidate > 0 && parent_of(candidate) == pid) children.push_back(candidate);
    }
    closedir(proc);
  }
  return children;
}

std::vector<int> leftover_processes() {
  while (waitpid(-1, nullptr, WNOHANG) > 0) {
  }
  return children_of(getpid());
}

run_result run_program(const std::function<int(int, char**)>& program_main, std::vector<std::string> args,
                       double timeout_seconds, const std::function<void(int pid)>& while_running) {
  REQUIRE(subreaper);
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  std::fflush(nullptr);
  auto started = std::chrono::steady_clock::now();
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    args.insert(args.begin(), "test-program");
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int status = program_main(static_cast<int>(args.size()), argv.data());
    std::fflush(nullptr);
    _exit(status);
  }
  if (while_running) while_running(pid);
  run_result result;
  int status = 0;
  for (;;) {
    if (waitpid(pid, &status, WNOHANG) == pid) break;
    if (std::chrono::steady_clock::now() - started > std::chrono::duration<double>(timeout_seconds)) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      FAIL_CHECK("the program did not finish within ", timeout_seconds, " s");
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = read_all(out);
  result.err = read_all(err);

  // Stage processes die with their supervisor (PR_SET_PDEATHSIG); give the kernel a
  // moment to deliver that, then nothing may be left.
  std::vector<int> left;
  for (int i = 0; i < 100 && !(left = leftover_processes()).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK_MESSAGE(left.empty(), "processes left behind by the run: ", left.size());
  for (int orphan : left) kill(orphan, SIGKILL);
  return result;
}

}  // namespace mpl_test
