// Helpers that stages start (`system("cmd &")`, popen, a forked child) must not outlive
// the run. The supervisor is a child subreaper, so when a stage exits its orphaned
// helpers become the supervisor's children; at the end of the run they are ended here.
#include "run_plan.hpp"

#include <cerrno>
#include <fcntl.h>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace mpl::detail {

void become_subreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }

namespace {
// The supervisor is single-threaded: its children are listed under its own task
// (CONFIG_PROC_CHILDREN); without that file, every process's parent is read instead.
std::vector<pid_t> current_children() {
  std::vector<pid_t> children;
  std::ifstream list(fmt::format("/proc/self/task/{}/children", getpid()));
  if (list) {
    for (pid_t pid; list >> pid;) children.push_back(pid);
    return children;
  }
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    std::size_t after_name = text.rfind(')');
    if (after_name == std::string::npos) continue;
    std::istringstream fields(text.substr(after_name + 2));
    std::string state;
    pid_t parent = 0;
    if (fields >> state >> parent && parent == getpid()) children.push_back(std::stoi(name));
  }
  return children;
}

void reap_zombies() {
  while (waitpid(-1, nullptr, WNOHANG) > 0) {
  }
}
}  // namespace

void end_descendants(std::uint64_t grace_ns) {
  reap_zombies();
  // Each round ends the current children; their own children are then ours. A bounded
  // number of rounds: a helper that forks faster than we can kill is still stopped by
  // SIGKILL of its parent chain within a few rounds.
  for (int round = 0; round < 16; ++round) {
    std::vector<pid_t> children = current_children();
    if (children.empty()) return;
    for (pid_t pid : children) kill(pid, SIGTERM);
    std::uint64_t deadline = monotonic_ns() + grace_ns;
    while (monotonic_ns() < deadline) {
      reap_zombies();
      if (current_children().empty()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    for (pid_t pid : current_children()) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
}

void kill_descendants_now() {
  char path[64] = "/proc/self/task/";
  char digits[16];
  int length = 0;
  for (pid_t self = getpid(); self > 0; self /= 10) digits[length++] = static_cast<char>('0' + self % 10);
  std::size_t at = 16;
  while (length > 0) path[at++] = digits[--length];
  for (const char* rest = "/children"; *rest; ++rest) path[at++] = *rest;
  path[at] = '\0';
  // Each round kills the current children and reaps them; their children are then ours.
  for (int round = 0; round < 16; ++round) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    char text[4096];
    ssize_t size = read(fd, text, sizeof text - 1);
    close(fd);
    if (size <= 0) return;
    pid_t pid = 0;
    for (ssize_t i = 0; i <= size; ++i) {
      if (i < size && text[i] >= '0' && text[i] <= '9') {
        pid = pid * 10 + (text[i] - '0');
      } else if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        pid = 0;
      }
    }
  }
}

}  // namespace mpl::detail
