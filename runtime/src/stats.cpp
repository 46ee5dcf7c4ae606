// --stats: a per-stage and per-queue table on stderr, naming the bottleneck stage.
#include "mpl/report.hpp"
#include "run_plan.hpp"

#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>

namespace mpl::detail {

namespace {
struct stage_totals {
  std::uint64_t items_in = 0, items_out = 0, blocked_in_ns = 0, blocked_out_ns = 0, alive_ns = 0;
  double percent(std::uint64_t part) const { return alive_ns ? 100.0 * part / alive_ns : 0.0; }
  // Share of its processes' lifetime spent neither waiting for input nor for room.
  double busy_percent() const {
    return alive_ns ? std::max(0.0, 100.0 - percent(blocked_in_ns) - percent(blocked_out_ns)) : 0.0;
  }
};
}  // namespace

void print_stats(const program_decl& decl, const run_plan& plan,
                 const std::vector<process_times>& times, std::uint64_t wall_ns) {
  std::vector<stage_totals> totals(decl.stages.size());
  for (std::size_t s = 0; s < decl.stages.size(); ++s)
    for (int r = 0; r < plan.stages[s].replicas; ++r) {
      const process_stats& stats = plan.stages[s].records[r].stats;
      totals[s].items_in += stats.items_in;
      totals[s].items_out += stats.items_out;
      totals[s].blocked_in_ns += stats.blocked_in_ns;
      totals[s].blocked_out_ns += stats.blocked_out_ns;
    }
  for (const process_times& t : times)
    if (t.ended_ns > t.started_ns) totals[t.stage].alive_ns += t.ended_ns - t.started_ns;

  std::size_t name_width = 5;
  for (const auto& stage : decl.stages) name_width = std::max(name_width, stage.name.size());
  for (const auto& queue : decl.queues) name_width = std::max(name_width, queue.name.size());

  std::string text = fmt::format("\n{} stats (wall time {:.3f} s)\n", decl.name, wall_ns / 1e9);
  text += fmt::format("{:<{}}  {:>5}  {:>12}  {:>12}  {:>10}  {:>11}  {:>6}\n", "stage", name_width,
                      "procs", "items in", "items out", "wait input", "wait output", "busy");
  std::size_t bottleneck = 0;
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    const stage_totals& t = totals[s];
    text += fmt::format("{:<{}}  {:>5}  {:>12}  {:>12}  {:>9.1f}%  {:>10.1f}%  {:>5.1f}%\n",
                        decl.stages[s].name, name_width, plan.stages[s].replicas, t.items_in,
                        t.items_out, t.percent(t.blocked_in_ns), t.percent(t.blocked_out_ns),
                        t.busy_percent());
    // The bottleneck works the longest per process: a short-lived stage that was busy
    // for its whole (short) life is not one.
    auto busy_per_process = [&](std::size_t i) {
      return totals[i].busy_percent() * static_cast<double>(totals[i].alive_ns) / plan.stages[i].replicas;
    };
    if (busy_per_process(s) > busy_per_process(bottleneck)) bottleneck = s;
  }
  std::vector<std::string> stopped_early;
  for (std::size_t s = 0; s < decl.stages.size(); ++s)
    for (int r = 0; r < plan.stages[s].replicas; ++r)
      if (plan.stages[s].records[r].stopped_early.load()) {
        stopped_early.push_back(decl.stages[s].name);
        break;
      }
  if (!stopped_early.empty())
    text += fmt::format("stopped early (every reader of an output had finished): {}\n",
                        fmt::join(stopped_early, ", "));
  if (!decl.queues.empty()) {
    text += fmt::format("\n{:<{}}  {:>5}  {:>8}  {:>10}\n", "queue", name_width, "ring", "slots",
                        "high water");
    for (std::size_t q = 0; q < decl.queues.size(); ++q) {
      const queue_view& queue = plan.queues[q];
      std::uint64_t high = std::min(queue.shared->high_water.load(), queue.slot_count);
      text += fmt::format("{:<{}}  {:>5}  {:>8}  {:>10} ({:.0f}%)\n", decl.queues[q].name, name_width,
                          queue.kind == ring_kind::spsc ? "spsc" : "mpmc", queue.slot_count, high,
                          100.0 * high / queue.slot_count);
    }
  }
  if (!decl.stages.empty())
    text += fmt::format("\nbottleneck: {} '{}' (busy {:.0f}% of its time; the stages around it wait "
                        "for it){}\n",
                        decl.stages[bottleneck].kind == stage_kind::pool ? "pool" : "stage",
                        decl.stages[bottleneck].name, totals[bottleneck].busy_percent(),
                        decl.stages[bottleneck].kind == stage_kind::pool
                            ? "; try --workers " + decl.stages[bottleneck].name + "=K"
                            : std::string());
  report_text(text);
}

}  // namespace mpl::detail
