#pragma once
// The figures of a finished run, computed once from the per-process counters and
// rendered twice: as the --stats table (stats.cpp) and as JSON (stats_json.cpp), so the
// two always say the same thing.
#include "run_plan.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mpl::detail {

struct stage_summary {
  std::string name;
  const char* kind;  // "stage" or "pool"
  int processes;
  std::uint64_t items_in = 0, items_out = 0, blocked_in_ns = 0, blocked_out_ns = 0, alive_ns = 0;
  bool stopped_early = false;
  double percent(std::uint64_t part) const { return alive_ns ? 100.0 * part / alive_ns : 0.0; }
  double wait_input_percent() const { return percent(blocked_in_ns); }
  double wait_output_percent() const { return percent(blocked_out_ns); }
  // Share of its processes' lifetime spent neither waiting for input nor for room.
  double busy_percent() const;
};

struct queue_summary {
  std::string name;
  const char* ring;  // "spsc" or "mpmc"
  std::uint64_t slots, high_water;
  std::vector<std::string> writers, readers;  // stage names
  // Items that went through the queue, when the counters say it: the writers' items out
  // when each writer has this one output, else the readers' items in when each reader
  // has this one input; unknown otherwise (a stage's counters are per process, not per
  // queue).
  std::optional<std::uint64_t> items;
};

struct run_summary {
  std::string program;
  std::uint64_t wall_ns;
  std::vector<stage_summary> stages;
  std::vector<queue_summary> queues;
  std::optional<std::size_t> bottleneck;  // index into stages
};

run_summary summarize(const program_decl& decl, const run_plan& plan, const std::vector<process_times>& times,
                      std::uint64_t wall_ns);

// --stats: the table on stderr.
void print_stats_table(const run_summary& summary);
// --stats=json / --stats-json=FILE (stable field names, docs/programs.md).
std::string stats_json(const run_summary& summary, int status);
// A JSON string literal of `text`.
std::string json_string(std::string_view text);

}  // namespace mpl::detail
