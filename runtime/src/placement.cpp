// Placing stages on MPI ranks (docs/distributed.md, "Placement").
#include "distribution.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mpl::detail {

namespace {
// Where an ordered pool on several ranks would have its hub: the one rank that writes
// its input and reads its output. An empty string, or why it cannot be spread.
std::string hub_of(const program_decl& decl, std::size_t pool, const std::vector<std::vector<int>>& stage_ranks,
                   int& hub) {
  const stage_decl& stage = decl.stages[pool];
  if (stage.outputs.size() != 1) return "it has more than one output";
  std::vector<int> ends;
  auto add = [&](const std::vector<int>& ranks) {
    for (int r : ranks)
      if (std::find(ends.begin(), ends.end(), r) == ends.end()) ends.push_back(r);
  };
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    const stage_decl& other = decl.stages[s];
    if (s == pool) continue;
    if (std::count(other.outputs.begin(), other.outputs.end(), stage.outputs.front()))
      return fmt::format("stage '{}' writes its output too", other.name);
    if (std::count(other.outputs.begin(), other.outputs.end(), stage.inputs.front()) ||
        std::count(other.inputs.begin(), other.inputs.end(), stage.outputs.front()))
      add(stage_ranks[s]);
  }
  if (ends.size() != 1) return "the stages that write its input and read its output are not all on one rank";
  hub = ends.front();
  return "";
}
}  // namespace

std::optional<std::string> place_stages(const program_decl& decl, const parsed_command_line& options,
                                        int ranks, std::vector<std::vector<int>>& stage_ranks,
                                        std::vector<ordered_spread>& spreads) {
  stage_ranks.assign(decl.stages.size(), {0});
  spreads.clear();
  std::vector<int> every_rank(static_cast<std::size_t>(ranks));
  for (int r = 0; r < ranks; ++r) every_rank[static_cast<std::size_t>(r)] = r;
  auto is_ordered_pool = [&](std::size_t s) {
    return decl.stages[s].kind == stage_kind::pool && decl.stages[s].ordering == order::ordered;
  };
  // Shared values live in rank 0's memory.
  for (std::size_t s = 0; s < decl.stages.size(); ++s)
    if (decl.stages[s].kind == stage_kind::pool && !is_ordered_pool(s) && decl.stages[s].shared_used.empty())
      stage_ranks[s] = every_rank;
  std::vector<bool> placed(decl.stages.size());
  for (const place_override& place : options.place) {
    auto s = static_cast<std::size_t>(std::find_if(decl.stages.begin(), decl.stages.end(),
                                                   [&](const stage_decl& d) { return d.name == place.stage; }) -
                                      decl.stages.begin());
    if (s == decl.stages.size()) continue;  // the parser accepted only known names
    const stage_decl& stage = decl.stages[s];
    for (int rank : place.ranks)
      if (rank >= ranks)
        return ranks == 1 ? fmt::format("--place {}: rank {} does not exist; this run has one rank (a program "
                                        "built with mplc --mpi and started by mpirun has more)", place.stage, rank)
                          : fmt::format("--place {}: rank {} does not exist; this run has {} ranks (0 to {})",
                                        place.stage, rank, ranks, ranks - 1);
    std::vector<int> sorted = place.ranks;
    std::sort(sorted.begin(), sorted.end());
    if (!stage.shared_used.empty() && sorted != std::vector<int>{0})
      return fmt::format("--place {}={}: '{}' uses shared value '{}', which lives on rank 0; it can run "
                         "only there", place.stage, fmt::join(place.ranks, ","), place.stage,
                         stage.shared_used);
    stage_ranks[s] = std::move(sorted);
    placed[s] = true;
  }
  // An ordered pool spreads over every rank when its order can be kept (one hub);
  // declaration order decides between two such pools that feed each other.
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    if (!is_ordered_pool(s)) continue;
    int hub = 0;
    std::string why_not = hub_of(decl, s, stage_ranks, hub);
    if (!placed[s] && why_not.empty() && decl.stages[s].shared_used.empty() && ranks > 1) stage_ranks[s] = every_rank;
    if (stage_ranks[s].size() < 2) continue;
    if (!why_not.empty())
      return fmt::format("--place {}: ordered pool '{}' can run on several ranks only when one rank writes its "
                         "input and reads its output, which keeps the order; here {}",
                         decl.stages[s].name, decl.stages[s].name, why_not);
    spreads.push_back({static_cast<int>(s), decl.stages[s].inputs.front(), decl.stages[s].outputs.front(), hub});
  }
  // A later spread can change an earlier one's hub: check them all again.
  for (const ordered_spread& spread : spreads) {
    int hub = 0;
    std::string why_not = hub_of(decl, static_cast<std::size_t>(spread.stage), stage_ranks, hub);
    if (!why_not.empty() || hub != spread.hub)
      return fmt::format("ordered pool '{}' cannot keep its order over several ranks: {}; give it one rank "
                         "with --place", decl.stages[spread.stage].name,
                         why_not.empty() ? "the ranks around it changed" : why_not);
  }
  return std::nullopt;
}

}  // namespace mpl::detail
