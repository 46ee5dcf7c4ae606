// --stats: the run's figures (summarize) and the per-stage and per-queue table on
// stderr, naming the bottleneck stage.
#include "mpl/report.hpp"
#include "run_summary.hpp"

#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace mpl::detail {

double stage_summary::busy_percent() const {
  return alive_ns ? std::max(0.0, 100.0 - wait_input_percent() - wait_output_percent()) : 0.0;
}

run_summary summarize(const program_decl& decl, const run_plan& plan, const std::vector<process_times>& times,
                      std::uint64_t wall_ns) {
  run_summary summary{decl.name, wall_ns, {}, {}, std::nullopt};
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    stage_summary t{decl.stages[s].name, decl.stages[s].kind == stage_kind::pool ? "pool" : "stage",
                    plan.stages[s].replicas};
    for (int r = 0; r < plan.stages[s].replicas; ++r) {
      const process_record& record = plan.stages[s].records[r];
      t.items_in += record.stats.items_in;
      t.items_out += record.stats.items_out;
      t.blocked_in_ns += record.stats.blocked_in_ns;
      t.blocked_out_ns += record.stats.blocked_out_ns;
      t.stopped_early = t.stopped_early || record.stopped_early.load();
    }
    summary.stages.push_back(std::move(t));
  }
  for (const process_times& t : times)
    if (t.ended_ns > t.started_ns) summary.stages[t.stage].alive_ns += t.ended_ns - t.started_ns;

  // The bottleneck works the longest per process: a short-lived stage that was busy for
  // its whole (short) life is not one.
  auto busy_per_process = [&](std::size_t i) {
    const stage_summary& t = summary.stages[i];
    return t.processes ? t.busy_percent() * static_cast<double>(t.alive_ns) / t.processes : 0.0;
  };
  // A stage that mostly waited for room in its output is held back by what reads it, so
  // it is not one either (unless every stage did).
  auto held_back = [&](std::size_t i) {
    const stage_summary& t = summary.stages[i];
    return t.percent(t.blocked_out_ns) > t.busy_percent();
  };
  for (bool allow_held_back : {false, true}) {
    for (std::size_t s = 0; s < summary.stages.size(); ++s)
      if ((allow_held_back || !held_back(s)) &&
          (!summary.bottleneck || busy_per_process(s) > busy_per_process(*summary.bottleneck)))
        summary.bottleneck = s;
    if (summary.bottleneck) break;
  }

  for (std::size_t q = 0; q < decl.queues.size(); ++q) {
    const queue_view& view = plan.queues[q];
    queue_summary queue{decl.queues[q].name, view.kind == ring_kind::spsc ? "spsc" : "mpmc", view.slot_count,
                        std::min(view.shared->high_water.load(), view.slot_count), {}, {}, std::nullopt};
    bool writers_single = true, readers_single = true;
    std::uint64_t written = 0, read = 0;
    for (std::size_t s = 0; s < decl.stages.size(); ++s) {
      const stage_decl& stage = decl.stages[s];
      if (std::count(stage.outputs.begin(), stage.outputs.end(), int(q))) {
        queue.writers.push_back(stage.name);
        writers_single = writers_single && stage.outputs.size() == 1;
        written += summary.stages[s].items_out;
      }
      if (std::count(stage.inputs.begin(), stage.inputs.end(), int(q))) {
        queue.readers.push_back(stage.name);
        readers_single = readers_single && stage.inputs.size() == 1;
        read += summary.stages[s].items_in;
      }
    }
    if (writers_single && !queue.writers.empty()) queue.items = written;
    else if (readers_single && !queue.readers.empty()) queue.items = read;
    summary.queues.push_back(std::move(queue));
  }
  return summary;
}

void print_stats_table(const run_summary& summary) {
  std::size_t name_width = 5;
  for (const auto& stage : summary.stages) name_width = std::max(name_width, stage.name.size());
  for (const auto& queue : summary.queues) name_width = std::max(name_width, queue.name.size());

  std::string text = fmt::format("\n{} stats (wall time {:.3f} s)\n", summary.program, summary.wall_ns / 1e9);
  text += fmt::format("{:<{}}  {:>5}  {:>12}  {:>12}  {:>10}  {:>11}  {:>6}\n", "stage", name_width,
                      "procs", "items in", "items out", "wait input", "wait output", "busy");
  std::vector<std::string> stopped_early;
  for (const stage_summary& t : summary.stages) {
    text += fmt::format("{:<{}}  {:>5}  {:>12}  {:>12}  {:>9.1f}%  {:>10.1f}%  {:>5.1f}%\n", t.name, name_width,
                        t.processes, t.items_in, t.items_out, t.wait_input_percent(), t.wait_output_percent(),
                        t.busy_percent());
    if (t.stopped_early) stopped_early.push_back(t.name);
  }
  if (!stopped_early.empty())
    text += fmt::format("stopped early (every reader of an output had finished): {}\n",
                        fmt::join(stopped_early, ", "));
  if (!summary.queues.empty()) {
    text += fmt::format("\n{:<{}}  {:>5}  {:>8}  {:>10}\n", "queue", name_width, "ring", "slots", "high water");
    for (const queue_summary& queue : summary.queues)
      text += fmt::format("{:<{}}  {:>5}  {:>8}  {:>10} ({:.0f}%)\n", queue.name, name_width, queue.ring,
                          queue.slots, queue.high_water, 100.0 * queue.high_water / queue.slots);
  }
  if (summary.bottleneck) {
    const stage_summary& b = summary.stages[*summary.bottleneck];
    bool pool = std::string_view(b.kind) == "pool";
    text += fmt::format("\nbottleneck: {} '{}' (busy {:.0f}% of its time; the stages around it wait "
                        "for it){}\n",
                        b.kind, b.name, b.busy_percent(), pool ? "; try --workers " + b.name + "=K" : std::string());
  }
  report_text(text);
}

void print_stats(const program_decl& decl, const run_plan& plan, const parsed_command_line& options,
                 const std::vector<process_times>& times, std::uint64_t wall_ns, int status) {
  if (!options.stats && !options.stats_json && options.stats_json_file.empty()) return;
  run_summary summary = summarize(decl, plan, times, wall_ns);
  if (options.stats) print_stats_table(summary);
  std::string json;
  try {
    json = stats_json(summary, status);
  } catch (...) {  // out of memory: no JSON, the run's status stands
    return;
  }
  if (options.stats_json) report_text(json);
  if (!options.stats_json_file.empty()) {
    std::FILE* file = std::fopen(options.stats_json_file.c_str(), "w");
    bool written = file && std::fwrite(json.data(), 1, json.size(), file) == json.size();
    if (file && std::fclose(file) != 0) written = false;
    if (!written)
      report("warning: could not write the stats to '{}': {}\n", options.stats_json_file, std::strerror(errno));
  }
}

}  // namespace mpl::detail
