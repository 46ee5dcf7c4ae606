#include "mpl/report.hpp"

#include <cerrno>
#include <cstdlib>
#include <cxxabi.h>
#include <exception>
#include <typeinfo>
#include <csignal>
#include <unistd.h>

namespace mpl::detail {

namespace {
report_observer* observer = nullptr;
}

void set_report_observer(report_observer* watching) noexcept { observer = watching; }

void report_text(std::string_view text) noexcept {
  report_observer* watching = observer;
  if (watching) watching->before_report(text);
  write_quietly(STDERR_FILENO, text);
  if (watching) watching->after_report();
}

bool write_all(int fd, std::string_view text) noexcept {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

void write_quietly(int fd, std::string_view text) noexcept {
  // SIGPIPE from a stderr whose reader is gone would kill the reporter: hold it for the
  // write and drop one raised by it, so only EPIPE comes back.
  sigset_t pipe_only, previous;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  sigset_t pending;
  sigpending(&pending);
  bool already_pending = sigismember(&pending, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &previous);
  write_all(fd, text);
  if (!already_pending) {
    sigpending(&pending);
    if (sigismember(&pending, SIGPIPE)) {
      timespec no_wait{0, 0};
      sigtimedwait(&pipe_only, nullptr, &no_wait);
    }
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

std::string describe_current_exception() {
  std::string type = "unknown exception";
  if (const std::type_info* info = abi::__cxa_current_exception_type()) {
    int status = 0;
    char* demangled = abi::__cxa_demangle(info->name(), nullptr, nullptr, &status);
    type = status == 0 && demangled ? demangled : info->name();
    std::free(demangled);
  }
  try {
    throw;
  } catch (const std::exception& error) {
    return type + ": " + error.what();
  } catch (...) {
    return fmt::format("exception of type '{}'", type);
  }
}

}  // namespace mpl::detail
