// Per-stage checks (docs/diagnostics.md, "Stages and pools"): names in the header, the input forms, replica counts
// and the options that only pools may carry.
#include "check/Symbols.h"

#include <llvm/ADT/StringSet.h>

namespace mpl {
namespace {

const char *optionSpelling(ast::StageOption::Kind kind) {
  switch (kind) {
  case ast::StageOption::Kind::Ordered: return "ordered";
  case ast::StageOption::Kind::Unordered: return "unordered";
  case ast::StageOption::Kind::Retry: return "retry";
  }
  return "";
}

const char *kindWord(const ast::StageDecl &stage) { return stage.isPool ? "pool" : "stage"; }

class StageChecker {
public:
  StageChecker(const ast::StageDecl &stage, const SymbolTable &symbols, Diagnostics &diags)
      : stage_(stage), symbols_(symbols), diags_(diags) {}

  void run() {
    if (stage_.replicas)
      checkCount(*stage_.replicas,
                 llvm::Twine("replica count of ") + kindWord(stage_) + " '" + stage_.name.text +
                     "'",
                 maxReplicas, "4096", symbols_, diags_);
    checkQueueNames();
    checkInputForm();
    checkOptions();
  }

private:
  void checkQueueNames() {
    llvm::StringSet<> inputs, outputs;
    for (const auto &input : stage_.inputs) {
      resolve(input.queue, {Symbol::Kind::Queue, Symbol::Kind::Pipe}, "queue", symbols_, diags_);
      if (!inputs.insert(input.queue.text).second)
        diags_.error(input.queue.loc(), "queue '" + input.queue.text + "' is listed twice among "
                                        "the inputs of " + kindWord(stage_) + " '" +
                                        stage_.name.text + "'",
                     {input.queue.range});
    }
    for (const auto &output : stage_.outputs) {
      resolve(output, {Symbol::Kind::Queue, Symbol::Kind::Pipe}, "queue", symbols_, diags_);
      if (!outputs.insert(output.text).second)
        diags_.error(output.loc(), "queue '" + output.text + "' is listed twice among the "
                                   "outputs of " + kindWord(stage_) + " '" + stage_.name.text + "'",
                     {output.range});
    }
  }

  // Per-item form: exactly one input, `x: queue`. A pool always has that form.
  void checkInputForm() {
    const ast::StageInput *binding = nullptr;
    for (const auto &input : stage_.inputs)
      if (input.binding && !binding) binding = &input;
    if (binding && stage_.inputs.size() > 1) {
      diags_.error(binding->binding->loc(),
                   "per-item binding '" + binding->binding->text + ": " + binding->queue.text +
                       "' needs exactly one input, but " + kindWord(stage_) + " '" +
                       stage_.name.text + "' has " + std::to_string(stage_.inputs.size()) +
                       "; read several queues in whole-body form (bare queue names)",
                   {binding->binding->range});
    }
    if (binding && isReservedName(binding->binding->text))
      diags_.error(binding->binding->loc(),
                   "'" + binding->binding->text + "' is reserved and cannot name the item of " +
                       kindWord(stage_) + " '" + stage_.name.text +
                       "' (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' "
                       "are taken)",
                   {binding->binding->range});
    if (stage_.isPool && !binding) {
      if (stage_.inputs.empty()) {
        diags_.error(stage_.inputsRange.Start,
                     "pool '" + stage_.name.text + "' has no input; a pool needs one per-item "
                     "input, written 'x: queue' (it runs its body once per item)",
                     {stage_.inputsRange});
      } else {
        const ast::Name &queue = stage_.inputs.front().queue;
        diags_.error(queue.loc(),
                     "pool '" + stage_.name.text + "' needs a per-item input: write 'x: " +
                         queue.text + "' instead of '" + queue.text +
                         "' (a pool runs its body once per item, with x bound to it)",
                     {queue.range});
      }
    }
  }

  void checkOptions() {
    const ast::StageOption *ordering = nullptr, *retry = nullptr;
    for (const auto &option : stage_.options) {
      const char *word = optionSpelling(option.kind);
      if (!stage_.isPool) {
        // Only a per-item stage can simply become a pool.
        bool perItem = stage_.inputs.size() == 1 && stage_.inputs.front().binding;
        diags_.error(option.range.Start,
                     llvm::Twine("'") + word + "' applies only to pools, but '" +
                         stage_.name.text + "' is a stage" +
                         (perItem ? "; declare it with 'pool' to spread its items over workers"
                                  : ""),
                     {option.range});
        continue;
      }
      const ast::StageOption *&first =
          option.kind == ast::StageOption::Kind::Retry ? retry : ordering;
      if (first) {
        if (first->kind == option.kind)
          diags_.error(option.range.Start,
                       llvm::Twine("'") + word + "' is given twice for pool '" +
                           stage_.name.text + "'",
                       {option.range});
        else
          diags_.error(option.range.Start,
                       llvm::Twine("'") + word + "' conflicts with '" +
                           optionSpelling(first->kind) + "' on pool '" + stage_.name.text +
                           "'; a pool is either ordered or unordered",
                       {option.range});
        diags_.note(first->range.Start, "first given here");
        continue;
      }
      first = &option;
      if (option.kind == ast::StageOption::Kind::Retry && option.retries <= 0)
        diags_.error(option.range.Start,
                     "retry count of pool '" + stage_.name.text +
                         "' must be a positive integer, not " + std::to_string(option.retries),
                     {option.range});
      // The runtime counts retries in an int: `retry 4294967296` once became 0, no retry.
      else if (option.kind == ast::StageOption::Kind::Retry && option.retries > maxRetries)
        diags_.error(option.countRange.Start,
                     "retry count of pool '" + stage_.name.text + "' is " +
                         std::to_string(option.retries) + ", out of range: it must be 1 to " +
                         std::to_string(maxRetries),
                     {option.countRange});
    }
  }

  const ast::StageDecl &stage_;
  const SymbolTable &symbols_;
  Diagnostics &diags_;
};

}  // namespace

void checkStages(const ast::File &file, const SymbolTable &symbols, Diagnostics &diags) {
  for (const auto &stage : file.stages) StageChecker(*stage, symbols, diags).run();
}

}  // namespace mpl
