// --stats=json and --stats-json=FILE: the figures of the --stats table as one JSON
// object. The field names are a stable interface (docs/programs.md lists them; `mplc
// --graph --stats-from` reads them): add fields, never rename or remove one.
#include "run_summary.hpp"

#include <fmt/format.h>

namespace mpl::detail {

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') out += {'\\', c};
    else if (c == '\n') out += "\\n";
    else if (u < 0x20) out += fmt::format("\\u{:04x}", u);
    else out += c;
  }
  return out + "\"";
}

namespace {
std::string names(const std::vector<std::string>& list) {
  std::string out = "[";
  for (const auto& name : list) out += (out.size() > 1 ? ", " : "") + json_string(name);
  return out + "]";
}
// Percentages with one decimal, as in the table.
double tenth(double value) { return static_cast<double>(static_cast<long long>(value * 10 + 0.5)) / 10; }
}  // namespace

std::string stats_json(const run_summary& summary, int status) {
  std::string out = fmt::format("{{\n  \"format\": \"mpl-stats\",\n  \"version\": 1,\n  \"program\": {},\n"
                                "  \"status\": {},\n  \"wall_seconds\": {:.6f},\n  \"stages\": [",
                                json_string(summary.program), status, summary.wall_ns / 1e9);
  for (std::size_t s = 0; s < summary.stages.size(); ++s) {
    const stage_summary& t = summary.stages[s];
    out += fmt::format("{}\n    {{\"name\": {}, \"kind\": \"{}\", \"processes\": {}, \"items_in\": {}, "
                       "\"items_out\": {}, \"wait_input_percent\": {}, \"wait_output_percent\": {}, "
                       "\"busy_percent\": {}, \"process_seconds\": {:.6f}, \"stopped_early\": {}}}",
                       s ? "," : "", json_string(t.name), t.kind, t.processes, t.items_in, t.items_out,
                       tenth(t.wait_input_percent()), tenth(t.wait_output_percent()), tenth(t.busy_percent()),
                       t.alive_ns / 1e9, t.stopped_early);
  }
  out += "\n  ],\n  \"queues\": [";
  for (std::size_t q = 0; q < summary.queues.size(); ++q) {
    const queue_summary& queue = summary.queues[q];
    out += fmt::format("{}\n    {{\"name\": {}, \"ring\": \"{}\", \"slots\": {}, \"high_water\": {}, "
                       "\"high_water_percent\": {}, \"writers\": {}, \"readers\": {}, \"items\": {}}}",
                       q ? "," : "", json_string(queue.name), queue.ring, queue.slots, queue.high_water,
                       tenth(100.0 * queue.high_water / queue.slots), names(queue.writers), names(queue.readers),
                       queue.items ? std::to_string(*queue.items) : "null");
  }
  out += "\n  ],\n  \"bottleneck\": ";
  out += summary.bottleneck ? json_string(summary.stages[*summary.bottleneck].name) : "null";
  return out + "\n}\n";
}

}  // namespace mpl::detail
