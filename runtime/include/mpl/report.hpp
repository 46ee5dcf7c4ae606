#pragma once
// Messages for the user on stderr (errors, warnings, the stats table). Reporting never
// throws and never changes how the run ends: a closed, full or broken stderr
// (`2>&-`, `2>/dev/full`, a reader that went away) loses the message, nothing else.
// Each message is one write(2), so lines of different processes do not interleave.
#include <fmt/format.h>

#include <string>
#include <string_view>

namespace mpl::detail {

// "std::runtime_error: what()" for the exception being handled (its type demangled), or
// "exception of type 'int'" for one that is not a std::exception.
std::string describe_current_exception();

// Writes `text` to stderr whole, ignoring every error.
void report_text(std::string_view text) noexcept;
// Writes `text` to `fd` the same way, without telling the observer below.
void write_quietly(int fd, std::string_view text) noexcept;
// Writes all of `text` to `fd`, again after EINTR and partial writes; false on an error
// (errno set). A closed pipe raises SIGPIPE as usual.
bool write_all(int fd, std::string_view text) noexcept;

// The supervisor's live view (src/progress.cpp) must not be torn by the supervisor's
// own messages: while it is on screen it observes them, clearing itself before each and
// redrawing after (the trace records them too). Never set in a stage's process.
struct report_observer {
  virtual void before_report(std::string_view text) noexcept = 0;
  virtual void after_report() noexcept = 0;

protected:
  ~report_observer() = default;
};
void set_report_observer(report_observer* observer) noexcept;

template <class... Args> void report(fmt::format_string<Args...> format, Args&&... args) noexcept {
  try {
    report_text(fmt::format(format, std::forward<Args>(args)...));
  } catch (...) {  // formatting can only fail for lack of memory: drop the message
  }
}

}  // namespace mpl::detail
