#include "emit/GraphStats.h"

#include <llvm/Support/JSON.h>

namespace mpl {

namespace {
llvm::Error malformed(const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "not the JSON of --stats=json: " + what);
}
}  // namespace

llvm::Expected<GraphStats> parseGraphStats(llvm::StringRef text) {
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(text);
  if (!parsed) return parsed.takeError();
  const llvm::json::Object *run = parsed->getAsObject();
  if (!run || run->getString("format") != llvm::StringRef("mpl-stats"))
    return malformed("no \"format\": \"mpl-stats\"");
  GraphStats stats;
  if (auto program = run->getString("program")) stats.program = program->str();
  stats.wallSeconds = run->getNumber("wall_seconds").getValueOr(0);
  if (auto bottleneck = run->getString("bottleneck")) stats.bottleneck = bottleneck->str();
  const llvm::json::Array *stages = run->getArray("stages"), *queues = run->getArray("queues");
  if (!stages || !queues) return malformed("no \"stages\" or \"queues\" array");
  for (const llvm::json::Value &value : *stages) {
    const llvm::json::Object *stage = value.getAsObject();
    auto name = stage ? stage->getString("name") : llvm::None;
    if (!name) return malformed("a stage without a name");
    GraphStats::Stage &s = stats.stages[*name];
    s.processes = stage->getInteger("processes").getValueOr(0);
    s.itemsIn = static_cast<std::uint64_t>(stage->getInteger("items_in").getValueOr(0));
    s.itemsOut = static_cast<std::uint64_t>(stage->getInteger("items_out").getValueOr(0));
    s.busyPercent = stage->getNumber("busy_percent").getValueOr(0);
  }
  for (const llvm::json::Value &value : *queues) {
    const llvm::json::Object *queue = value.getAsObject();
    auto name = queue ? queue->getString("name") : llvm::None;
    if (!name) return malformed("a queue without a name");
    GraphStats::Queue &q = stats.queues[*name];
    if (auto items = queue->getInteger("items")) q.items = static_cast<std::uint64_t>(*items);
    q.highWaterPercent = queue->getNumber("high_water_percent").getValueOr(0);
  }
  return stats;
}

}  // namespace mpl
