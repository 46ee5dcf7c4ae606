// Placing stages on MPI ranks (docs/distributed.md, "Placement").
#include "distribution.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mpl::detail {

std::optional<std::string> place_stages(const program_decl& decl, const parsed_command_line& options,
                                        int ranks, std::vector<std::vector<int>>& stage_ranks) {
  stage_ranks.assign(decl.stages.size(), {0});
  std::vector<int> every_rank(static_cast<std::size_t>(ranks));
  for (int r = 0; r < ranks; ++r) every_rank[static_cast<std::size_t>(r)] = r;
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    const stage_decl& stage = decl.stages[s];
    // An ordered pool's order is kept by one rank's commit turn; shared values live in
    // rank 0's memory.
    if (stage.kind == stage_kind::pool && stage.ordering == order::unordered && stage.shared_used.empty())
      stage_ranks[s] = every_rank;
  }
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
    if (stage.kind == stage_kind::pool && stage.ordering == order::ordered && sorted.size() > 1)
      return fmt::format("--place {}={}: ordered pool '{}' keeps its order on one rank; give it one rank",
                         place.stage, fmt::join(place.ranks, ","), place.stage);
    stage_ranks[s] = std::move(sorted);
  }
  return std::nullopt;
}

}  // namespace mpl::detail
