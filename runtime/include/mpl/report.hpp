#pragma once
// Messages for the user on stderr (errors, warnings, the stats table). Reporting never
// throws and never changes how the run ends: a closed, full or broken stderr
// (`2>&-`, `2>/dev/full`, a reader that went away) loses the message, nothing else.
// Each message is one write(2), so lines of different processes do not interleave.
#include <fmt/format.h>

#include <string_view>

namespace mpl::detail {

// Writes `text` to stderr whole, ignoring every error.
void report_text(std::string_view text) noexcept;

template <class... Args> void report(fmt::format_string<Args...> format, Args&&... args) noexcept {
  try {
    report_text(fmt::format(format, std::forward<Args>(args)...));
  } catch (...) {  // formatting can only fail for lack of memory: drop the message
  }
}

}  // namespace mpl::detail
