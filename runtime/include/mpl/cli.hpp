#pragma once
// The command line of a generated program (docs/programs.md): params as --name=value or
// --name value, bool params as --name, --name=false or --no-name, and the runtime
// options --workers NAME=K, --stats, --timeout, --progress, --trace and --help. Parsing never exits: it returns what
// it found, or an error message for the caller to print before exiting with status 2.
#include <charconv>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

namespace mpl {

struct workers_override {
  std::string stage;
  long count;
};
// --place NAME=RANK[,RANK...]: the MPI ranks that run a stage (docs/distributed.md).
struct place_override {
  std::string stage;
  std::vector<int> ranks;
};

// Watching a run (docs/programs.md): --progress/--no-progress, --trace=FILE,
// --stats[=table|json], --stats-json=FILE.
enum class progress_mode { automatic, on, off };  // automatic: on when stderr is a terminal

struct parsed_command_line {
  bool help = false;
  bool stats = false;       // the table on stderr at exit
  bool stats_json = false;  // --stats=json: the same figures as JSON on stderr
  std::string stats_json_file;  // --stats-json=FILE
  std::string trace_file;       // --trace=FILE
  progress_mode progress = progress_mode::automatic;
  std::vector<workers_override> workers;
  std::vector<place_override> place;
  std::uint64_t timeout_ns = 0;  // --timeout: 0 when not given
};

namespace detail {
// Text to value for a param type; false when the text is not a valid value.
bool parse_param_value(std::string_view text, std::string& out);
bool parse_param_value(std::string_view text, bool& out);
bool parse_param_value(std::string_view text, float& out);
bool parse_param_value(std::string_view text, double& out);
bool parse_param_value(std::string_view text, long double& out);
// "30s", "5m", "1.5h", "250ms", or plain seconds; false unless positive and finite.
bool parse_duration(std::string_view text, std::uint64_t& nanoseconds);
template <class I>
  requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
bool parse_param_value(std::string_view text, I& out) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  I value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return false;
  out = value;
  return true;
}
}  // namespace detail

// The closest candidate to `typo`, if one is close enough to suggest.
std::optional<std::string> closest_match(std::string_view typo,
                                         const std::vector<std::string>& candidates);

class command_line_parser {
public:
  explicit command_line_parser(std::string program_name) : program_(std::move(program_name)) {}

  template <class T>
  void add_param(std::string_view name, T& variable, std::string_view type_name,
                 std::string_view help, bool required) {
    param_spec spec{std::string(name), std::string(type_name), std::string(help), required,
                    std::is_same_v<T, bool>, {}, {}, {}};
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
      spec.range_text = fmt::format("{} to {}", std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
    if (!required) {
      if constexpr (std::is_same_v<T, std::string>) spec.default_text = fmt::format("\"{}\"", variable);
      else spec.default_text = fmt::format("{}", variable);
    }
    spec.assign = [&variable](std::string_view text) {
      return detail::parse_param_value(text, variable);
    };
    params_.push_back(std::move(spec));
  }
  void add_stage(std::string name) { stages_.push_back(std::move(name)); }

  // Fills `out`; on a bad command line returns the message (without "error: ").
  std::optional<std::string> parse(int argc, const char* const* argv, parsed_command_line& out) const;
  std::string help_text() const;

private:
  struct param_spec {
    std::string name, type_name, help;
    bool required, is_bool;
    std::string default_text;
    std::function<bool(std::string_view)> assign;
    std::string range_text;  // integral params: "MIN to MAX", for an out-of-range value
  };
  const param_spec* find(std::string_view name) const;
  std::optional<std::string> parse_workers(std::string_view value, parsed_command_line& out) const;
  std::optional<std::string> parse_place(std::string_view value, parsed_command_line& out) const;
  std::optional<std::string> known_stage(const char* option, const std::string& stage) const;
  std::string unknown_option(std::string_view option) const;

  std::string program_;
  std::vector<param_spec> params_;
  std::vector<std::string> stages_;
};

}  // namespace mpl
