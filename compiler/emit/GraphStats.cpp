#include "emit/GraphStats.h"

#include <llvm/Support/JSON.h>

namespace mpl {

namespace {
llvm::Error malformed(const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "not the JSON of --stats=json: " + what);
}

/// A field a run writes as a count (absent: 0); a value of another type or sign is an
/// error, not a silent 0 on the picture.
llvm::Error readCount(const llvm::json::Object &object, llvm::StringRef key, llvm::StringRef owner,
                      std::uint64_t &out) {
  const llvm::json::Value *value = object.get(key);
  if (!value || value->getAsNull()) return llvm::Error::success();  // null: not known
  auto count = value->getAsInteger();
  if (!count || *count < 0) return malformed(owner + ": \"" + key + "\" is not a count");
  out = static_cast<std::uint64_t>(*count);
  return llvm::Error::success();
}

/// A percentage field, 0 to 100 (absent: 0).
llvm::Error readPercent(const llvm::json::Object &object, llvm::StringRef key, llvm::StringRef owner,
                        double &out) {
  const llvm::json::Value *value = object.get(key);
  if (!value) return llvm::Error::success();
  auto number = value->getAsNumber();
  if (!number || *number < 0 || *number > 100) return malformed(owner + ": \"" + key + "\" is not a percentage");
  out = *number;
  return llvm::Error::success();
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
    std::string owner = ("stage '" + *name + "'").str();
    std::uint64_t processes = 0;
    if (llvm::Error error = readCount(*stage, "processes", owner, processes)) return error;
    s.processes = static_cast<long>(processes);
    if (llvm::Error error = readCount(*stage, "items_in", owner, s.itemsIn)) return error;
    if (llvm::Error error = readCount(*stage, "items_out", owner, s.itemsOut)) return error;
    if (llvm::Error error = readPercent(*stage, "busy_percent", owner, s.busyPercent)) return error;
  }
  for (const llvm::json::Value &value : *queues) {
    const llvm::json::Object *queue = value.getAsObject();
    auto name = queue ? queue->getString("name") : llvm::None;
    if (!name) return malformed("a queue without a name");
    GraphStats::Queue &q = stats.queues[*name];
    std::string owner = ("queue '" + *name + "'").str();
    if (queue->get("items")) {
      std::uint64_t items = 0;
      if (llvm::Error error = readCount(*queue, "items", owner, items)) return error;
      q.items = items;
    }
    if (llvm::Error error = readPercent(*queue, "high_water_percent", owner, q.highWaterPercent))
      return error;
  }
  return stats;
}

}  // namespace mpl
