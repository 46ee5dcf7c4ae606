// --graph --stats-from=run.json: a run's figures (the JSON a program writes with
// --stats=json or --stats-json=FILE; docs/programs.md) to annotate the pipeline graph.
#pragma once

#include <llvm/ADT/StringMap.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <optional>
#include <string>

namespace mpl {

struct GraphStats {
  struct Stage {
    long processes = 0;
    std::uint64_t itemsIn = 0, itemsOut = 0;
    double busyPercent = 0;
  };
  struct Queue {
    std::optional<std::uint64_t> items;  // null in the JSON: not attributable
    double highWaterPercent = 0;
  };
  std::string program;
  double wallSeconds = 0;
  llvm::StringMap<Stage> stages;
  llvm::StringMap<Queue> queues;
  std::string bottleneck;  // a stage name, or empty
};

/// Reads the stats JSON; the error says what is missing or malformed.
llvm::Expected<GraphStats> parseGraphStats(llvm::StringRef json);

}  // namespace mpl
