#include "mpl/cli.hpp"
#include "mpl/closest_name.hpp"
#include "mpl/option_names.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <limits>
#include <cstdlib>
#include <set>

namespace mpl {

namespace detail {
bool parse_param_value(std::string_view text, std::string& out) {
  out = std::string(text);
  return true;
}

bool parse_param_value(std::string_view text, bool& out) {
  static const std::set<std::string_view> yes{"true", "1", "yes", "on"}, no{"false", "0", "no", "off"};
  if (yes.count(text)) out = true;
  else if (no.count(text)) out = false;
  else return false;
  return true;
}

template <class F> static bool parse_floating(std::string_view text, F& out) {
  std::string copy(text);  // strtold needs a terminator
  char* end = nullptr;
  errno = 0;
  long double value = std::strtold(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size()) return false;
  // Beyond the type's range (1e999999, or 1e300 for a float) is a bad value, not infinity.
  if (errno == ERANGE && std::fabs(value) > 1) return false;
  // inf and nan likewise: a run would compute with them silently (see non_finite below).
  if (!std::isfinite(value) || std::fabs(value) > std::numeric_limits<F>::max()) return false;
  out = static_cast<F>(value);
  return true;
}
bool parse_param_value(std::string_view text, float& out) { return parse_floating(text, out); }
bool parse_param_value(std::string_view text, double& out) { return parse_floating(text, out); }
bool parse_param_value(std::string_view text, long double& out) { return parse_floating(text, out); }
}  // namespace detail

// "inf", "-Infinity", "nan(0x1)"...: spelled as a number strtold accepts, but not finite.
static bool non_finite(std::string_view text) {
  std::string copy(text);
  char* end = nullptr;
  errno = 0;
  long double value = std::strtold(copy.c_str(), &end);
  return !copy.empty() && end == copy.c_str() + copy.size() && errno != ERANGE && !std::isfinite(value);
}

// "-123", "+99999999999999999999": digits, as an integer param expects, so a refusal
// means the value is out of the type's range.
static bool looks_like_integer(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::optional<std::string> closest_match(std::string_view typo,
                                         const std::vector<std::string>& candidates) {
  if (auto match = closest_name(typo, candidates)) return std::string(*match);
  return std::nullopt;
}

namespace detail {
bool parse_duration(std::string_view text, std::uint64_t& nanoseconds) {
  static constexpr std::pair<std::string_view, double> units[] = {
      {"ms", 1e6}, {"s", 1e9}, {"m", 60e9}, {"h", 3600e9}};
  double scale = 1e9;
  for (const auto& [suffix, factor] : units)
    if (text.size() > suffix.size() && text.ends_with(suffix) &&
        (suffix != "s" || !text.ends_with("ms"))) {
      text.remove_suffix(suffix.size());
      scale = factor;
      break;
    }
  double amount = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), amount);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return false;
  double ns = amount * scale;
  if (!(ns >= 1e6 && ns < 1e18)) return false;  // at least a millisecond, at most ~30 years
  nanoseconds = static_cast<std::uint64_t>(ns);
  return true;
}
}  // namespace detail

const command_line_parser::param_spec* command_line_parser::find(std::string_view name) const {
  for (const auto& param : params_)
    if (param.name == name) return &param;
  return nullptr;
}

std::string command_line_parser::unknown_option(std::string_view option) const {
  std::vector<std::string> known(program_option_names.begin(), program_option_names.end());
  for (const auto& param : params_) known.push_back(param.name);
  std::string message = fmt::format("unknown option '--{}'", option);
  if (auto suggestion = closest_match(option, known))
    message += fmt::format("; did you mean '--{}'?", *suggestion);
  return message;
}

std::optional<std::string> command_line_parser::known_stage(const char* option,
                                                             const std::string& stage) const {
  if (std::find(stages_.begin(), stages_.end(), stage) != stages_.end()) return std::nullopt;
  std::string message = fmt::format("{}: unknown stage '{}'", option, stage);
  if (auto suggestion = closest_match(stage, stages_)) message += fmt::format("; did you mean '{}'?", *suggestion);
  return message;
}

// --workers NAME=K[,NAME2=K2...]
std::optional<std::string> command_line_parser::parse_workers(std::string_view value,
                                                              parsed_command_line& out) const {
  while (!value.empty()) {
    std::string_view item = value.substr(0, value.find(','));
    value.remove_prefix(std::min(value.size(), item.size() + 1));
    auto equals = item.find('=');
    long count = 0;
    if (equals == std::string_view::npos ||
        !detail::parse_param_value(item.substr(equals + 1), count) || count < 1)
      return fmt::format("invalid value '{}' for --workers: expected NAME=K with K a positive integer",
                         item);
    std::string stage(item.substr(0, equals));
    if (auto error = known_stage("--workers", stage)) return error;
    out.workers.push_back({stage, count});
  }
  return std::nullopt;
}

// --place NAME=RANK[,RANK...]; whether each rank exists is checked once the run knows
// how many ranks it has.
std::optional<std::string> command_line_parser::parse_place(std::string_view value,
                                                            parsed_command_line& out) const {
  auto equals = value.find('=');
  auto invalid = [&] {
    return fmt::format("invalid value '{}' for --place: expected NAME=RANK[,RANK...] with ranks from 0", value);
  };
  if (equals == std::string_view::npos || equals + 1 == value.size()) return invalid();
  place_override place{std::string(value.substr(0, equals)), {}};
  if (auto error = known_stage("--place", place.stage)) return error;
  for (const place_override& earlier : out.place)
    if (earlier.stage == place.stage) return fmt::format("--place {} is given twice; list every rank in one", place.stage);
  std::string_view ranks = value.substr(equals + 1);
  while (!ranks.empty()) {
    std::string_view item = ranks.substr(0, ranks.find(','));
    ranks.remove_prefix(std::min(ranks.size(), item.size() + 1));
    int rank = -1;
    if (!detail::parse_param_value(item, rank) || rank < 0) return invalid();
    if (std::find(place.ranks.begin(), place.ranks.end(), rank) == place.ranks.end()) place.ranks.push_back(rank);
  }
  if (place.ranks.empty()) return invalid();
  out.place.push_back(std::move(place));
  return std::nullopt;
}

std::optional<std::string> command_line_parser::parse(int argc, const char* const* argv,
                                                      parsed_command_line& out) const {
  std::set<std::string> given;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h") arg = "--help";  // the short form every tool accepts
    if (arg.substr(0, 2) != "--" || arg.size() == 2)
      return fmt::format("unexpected argument '{}' (options start with --)", arg);
    arg.remove_prefix(2);
    auto equals = arg.find('=');
    std::string_view name = arg.substr(0, equals);
    std::optional<std::string_view> value;
    if (equals != std::string_view::npos) value = arg.substr(equals + 1);
    auto next_value = [&]() -> std::optional<std::string_view> {
      if (value) return value;
      if (i + 1 < argc) return std::string_view(argv[++i]);
      return std::nullopt;
    };

    if (name == "help" || name == "progress" || name == "no-progress") {
      if (value) return fmt::format("option '--{}' takes no value", name);
      if (name == "help") out.help = true;
      else out.progress = name == "progress" ? progress_mode::on : progress_mode::off;
      continue;
    }
    if (name == "stats") {  // no value: the table; --stats=json for the JSON on stderr
      if (!value || *value == "table") out.stats = true;
      else if (*value == "json") out.stats_json = true;
      else return fmt::format("invalid value '{}' for --stats: expected table or json", *value);
      continue;
    }
    if (name == "stats-json" || name == "trace") {
      auto file = next_value();
      if (!file || file->empty()) return fmt::format("option '--{}' needs a file name", name);
      (name == "trace" ? out.trace_file : out.stats_json_file) = std::string(*file);
      continue;
    }
    if (name == "workers") {
      auto workers = next_value();
      if (!workers) return std::string("option '--workers' needs a value NAME=K");
      if (auto error = parse_workers(*workers, out)) return error;
      continue;
    }
    if (name == "place") {
      auto place = next_value();
      if (!place) return std::string("option '--place' needs a value NAME=RANK[,RANK...]");
      if (auto error = parse_place(*place, out)) return error;
      continue;
    }
    if (name == "timeout") {
      auto duration = next_value();
      if (!duration || !detail::parse_duration(*duration, out.timeout_ns))
        return fmt::format("invalid value '{}' for --timeout: expected a duration such as 30s, 5m, 1h or 250ms",
                           duration ? *duration : "");
      continue;
    }
    const param_spec* param = find(name);
    if (!param && name.substr(0, 3) == "no-" && !value) {
      const param_spec* negated = find(name.substr(3));
      if (negated && negated->is_bool) {
        negated->assign("false");
        given.insert(negated->name);
        continue;
      }
    }
    if (!param) return unknown_option(name);
    std::optional<std::string_view> text = param->is_bool && !value ? "true" : next_value();
    if (!text) return fmt::format("option '--{}' needs a value ({})", name, param->type_name);
    if (!param->assign(*text)) {
      if (!param->range_text.empty() && looks_like_integer(*text))
        return fmt::format("invalid value '{}' for --{}: out of range for {} ({})", *text, name,
                           param->type_name, param->range_text);
      return fmt::format("invalid value '{}' for --{}: expected {}{}", *text, name,
                         non_finite(*text) ? "a finite " : "", param->type_name);
    }
    given.insert(param->name);
  }
  if (out.help) return std::nullopt;
  for (const auto& param : params_)
    if (param.required && !given.count(param.name))
      return fmt::format("missing required option --{}=<{}>", param.name, param.type_name);
  return std::nullopt;
}

std::string command_line_parser::help_text() const {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& param : params_) {
    std::string left = param.is_bool ? fmt::format("--{}[=<bool>]", param.name)
                                     : fmt::format("--{}=<{}>", param.name, param.type_name);
    std::string right = param.help.empty() ? std::string() : param.help + " ";
    right += param.required ? "(required)" : fmt::format("(default: {})", param.default_text);
    rows.emplace_back(std::move(left), std::move(right));
  }
  std::vector<std::pair<std::string, std::string>> runtime_rows{
      {"--workers NAME=K", "run K processes of stage or pool NAME (repeatable; NAME=K,NAME2=K2)"},
      {"--place NAME=RANKS", "run stage or pool NAME on these MPI ranks, e.g. work=1,2 (mplc --mpi builds)"},
      {"--stats", "print per-stage and per-queue statistics on stderr at exit"},
      {"--stats=json", "the same statistics as JSON on stderr (--stats-json=FILE: into FILE)"},
      {"--progress", "redraw a live view on stderr (default when stderr is a terminal; --no-progress)"},
      {"--trace=FILE", "write a timeline of the run to FILE (Chrome trace / Perfetto JSON)"},
      {"--timeout=DURATION", "stop the run after DURATION (30s, 5m, 1h, 250ms): status 124"},
      {"--help", "show this help and exit"}};
  if (!stages_.empty())  // under --workers, the names it accepts
    runtime_rows.insert(runtime_rows.begin() + 1,
                        {"", fmt::format("NAME is one of: {}", fmt::join(stages_, ", "))});
  std::size_t width = 0;
  for (const auto* list : {&rows, &runtime_rows})
    for (const auto& row : *list) width = std::max(width, row.first.size());

  std::string text = fmt::format("usage: {} [options]\n", program_);
  if (!rows.empty()) {
    text += "\nparams:\n";
    for (const auto& [left, right] : rows) text += fmt::format("  {:<{}}  {}\n", left, width, right);
  }
  text += "\nruntime options:\n";
  for (const auto& [left, right] : runtime_rows)
    text += fmt::format("  {:<{}}  {}\n", left, width, right);
  return text;
}

}  // namespace mpl
