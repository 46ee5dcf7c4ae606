// Turning the declarations into a run: command line, replica counts, queue topology
// and the shared-memory layout; and, in each child, the context its body receives.
#include "mpl/report.hpp"
#include "run_memory.hpp"
#include "run_plan.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace mpl {

count count::online_cpus() {
  return count([] { return std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)); });
}

namespace detail {

run_control* control = nullptr;

void throw_run_aborted() { throw run_aborted{}; }
void (*after_repeated_broken_push)() = nullptr;
void throw_broken_queue(const char* queue) {
  // A body that swallowed broken_queue (catch (...) around a push) and pushes again
  // would never end: the second time, the process ends quietly without unwinding.
  static bool thrown_before = false;
  if (thrown_before && after_repeated_broken_push) after_repeated_broken_push();
  thrown_before = true;
  throw broken_queue{queue};
}

namespace {
std::uint32_t slot_stride(const queue_decl& queue, ring_kind kind) {
  std::size_t payload = queue.direct ? std::max<std::size_t>(1, queue.direct_size) : chunk_slot_bytes;
  if (kind == ring_kind::spsc) return static_cast<std::uint32_t>(payload);
  return static_cast<std::uint32_t>((mpmc_slot_prefix + payload + 7) / 8 * 8);
}

// Places everything in `arena`; with a null base this only measures.
void lay_out(const program_decl& decl, run_plan& plan, shared_arena& arena) {
  plan.control = arena.make<run_control>();
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    stage_plan& stage = plan.stages[s];
    stage.records = arena.make<process_record>(stage.replicas);
    if (plan.traced) stage.traces = arena.make<trace_ring>(stage.replicas);
    if (decl.stages[s].managed_pool()) {
      stage.pool = arena.make<pool_shared>();
      stage.workers = arena.make<worker_record>(stage.replicas);
    }
  }
  for (queue_view& queue : plan.queues) {
    queue.shared = arena.make<queue_shared>();
    queue.slots = arena.take(queue.slot_count * queue.stride);
    queue.closed = arena.make<std::atomic<std::uint32_t>>(queue.producer_count);
    queue.reader_done = arena.make<std::atomic<std::uint32_t>>(queue.reader_count);
  }
}
}  // namespace

std::optional<std::string> make_plan(const program_decl& decl, const parsed_command_line& options,
                                     run_plan& plan) {
  plan.stages.resize(decl.stages.size());
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    long replicas = decl.stages[s].replicas.resolve();
    for (const auto& override : options.workers)
      if (override.stage == decl.stages[s].name) replicas = override.count;
    if (replicas < 1 || replicas > 4096)
      return fmt::format("stage '{}' has {} replicas; expected 1 to 4096", decl.stages[s].name, replicas);
    plan.stages[s].replicas = static_cast<int>(replicas);
  }

  std::vector<std::uint32_t> producers(decl.queues.size()), consumers(decl.queues.size());
  std::vector<bool> managed_input(decl.queues.size());
  // Per queue: written by a managed pool's workers; written only by one ordered pool.
  std::vector<bool> managed_output(decl.queues.size());
  std::vector<int> writer_stage(decl.queues.size(), -1);  // -2: several writer stages
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    const stage_decl& stage = decl.stages[s];
    for (int q : stage.outputs) {
      if (stage.managed_pool()) managed_output[q] = true;
      writer_stage[q] = writer_stage[q] == -1 ? int(s) : -2;
      plan.stages[s].first_producer_slot.push_back(producers[q]);
      producers[q] += plan.stages[s].replicas;
    }
    for (int q : stage.inputs) {
      plan.stages[s].first_consumer_slot.push_back(consumers[q]);
      consumers[q] += plan.stages[s].replicas;
    }
    if (stage.managed_pool()) managed_input[stage.inputs.front()] = true;
  }

  plan.queues.resize(decl.queues.size());
  for (std::size_t q = 0; q < decl.queues.size(); ++q) {
    const queue_decl& queue = decl.queues[q];
    if (queue.is_pipe && (producers[q] != 1 || consumers[q] != 1))
      return fmt::format("pipe '{}' needs exactly one writing and one reading process, but has {} "
                         "and {} (check --workers)", queue.name, producers[q], consumers[q]);
    long capacity = queue.capacity.resolve();
    if (capacity < 1 || capacity > (1L << 30))
      return fmt::format("queue '{}' has capacity {}; expected 1 to 2^30", queue.name, capacity);
    if (managed_input[q]) {
      for (std::size_t s = 0; s < decl.stages.size(); ++s)
        if (!decl.stages[s].managed_pool() &&
            std::count(decl.stages[s].inputs.begin(), decl.stages[s].inputs.end(), int(q)))
          return fmt::format("queue '{}' feeds an ordered or retrying pool, which must be its only reader",
                             queue.name);
    }
    queue_view& view = plan.queues[q];
    view.name = queue.name.c_str();
    // The workers of an ordered pool push only while holding the pool's commit turn, so
    // they write its output one at a time, like a single producer: an SPSC ring whose
    // writers re-read the shared tail when their turn starts.
    bool turn_taking_writers = writer_stage[q] >= 0 &&
                               decl.stages[writer_stage[q]].managed_pool() &&
                               decl.stages[writer_stage[q]].ordering == order::ordered;
    view.kind = (producers[q] == 1 || turn_taking_writers) && consumers[q] == 1 && !managed_input[q]
                    ? ring_kind::spsc
                    : ring_kind::mpmc;
    // A managed pool's retry record counts pushed outputs: they must be visible at once.
    view.serialized_producers = view.kind == ring_kind::spsc && managed_output[q];
    view.consumer_count = managed_input[q] ? 0 : consumers[q];
    view.slot_count = std::bit_ceil(static_cast<std::uint64_t>(std::max(capacity, 2L)));
    // A managed pool keeps an item's slots until its outputs are committed, so a ring
    // smaller than its workers would leave some of them idle (docs/runtime.md, "Pools").
    if (managed_input[q])
      view.slot_count = std::max(view.slot_count, std::bit_ceil(2 * static_cast<std::uint64_t>(consumers[q])));
    view.stride = slot_stride(queue, view.kind);
    view.direct = queue.direct;
    view.producer_count = producers[q];
    view.reader_count = consumers[q];
  }

  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    if (!decl.stages[s].managed_pool()) continue;
    // Like Pool.map's chunksize: a few batches per worker in flight, never more than 256.
    std::uint64_t slots = plan.queues[decl.stages[s].inputs.front()].slot_count;
    plan.stages[s].max_batch = static_cast<std::uint32_t>(
        std::clamp<std::uint64_t>(slots / (2 * plan.stages[s].replicas), 1, 256));
  }

  plan.traced = !options.trace_file.empty();
  shared_arena measure;
  lay_out(decl, plan, measure);
  if (auto refused = map_run_memory(decl, plan, measure.used())) return refused;
  shared_arena place(static_cast<std::byte*>(plan.memory));
  lay_out(decl, plan, place);
  // MPMC turns need no initialisation: zeroed memory is lap 0 (queue_layout.hpp).
  for (const queue_view& queue : plan.queues) queue.shared->readers_left.store(queue.reader_count);
  plan.control->stdout_lock.init();
  for (const stage_plan& stage : plan.stages)
    if (stage.pool) stage.pool->claim_lock.init();
  control = plan.control;
  return std::nullopt;
}

struct context_access {
  static void build(const program_decl& decl, const run_plan& plan, int s, int replica, context& ctx) {
    const stage_decl& stage = decl.stages[s];
    const stage_plan& shape = plan.stages[s];
    process_stats& stats = shape.records[replica].stats;
    ctx.stage_name_ = stage.name;
    ctx.index_ = replica;
    ctx.replicas_ = shape.replicas;
    ctx.holding_ = &shape.records[replica].holding;
    for (std::size_t i = 0; i < stage.inputs.size(); ++i) {
      const queue_view& view = plan.queues[stage.inputs[i]];
      std::uint32_t reader_slot = shape.first_consumer_slot[i] + static_cast<std::uint32_t>(replica);
      ctx.reading_.push_back({&view, reader_slot});
      bool pool_input = stage.managed_pool() && i == 0;  // read by the pool driver
      ctx.inputs_.push_back(pool_input ? nullptr : decl.queues[stage.inputs[i]].make_input(view, reader_slot, stats));
    }
    for (std::size_t o = 0; o < stage.outputs.size(); ++o)
      ctx.outputs_.push_back(decl.queues[stage.outputs[o]].make_output(
          plan.queues[stage.outputs[o]], shape.first_producer_slot[o] + replica, stats));
    if (stage.managed_pool())
      ctx.pool_ = std::make_unique<pool_worker>(*shape.pool, shape.workers, static_cast<std::uint32_t>(replica),
                                                static_cast<std::uint32_t>(shape.replicas),
                                                plan.queues[stage.inputs.front()],
                                                stage.ordering == order::ordered, stage.retry, shape.max_batch,
                                                stage.name, stats);
  }
};

void build_context(const program_decl& decl, const run_plan& plan, int stage, int replica, context& ctx) {
  context_access::build(decl, plan, stage, replica, ctx);
}

namespace {
// False (errno set) when the text could not all be written: `--help >/dev/full` fails.
bool write_stdout(const std::string& text) {
  errno = 0;
  bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  int error = errno;
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) written = false;
  else errno = error;
  if (!written && errno == 0) errno = EIO;
  return written;
}
}  // namespace

int run_program(program_decl& decl, command_line_parser& parser, int argc, char** argv) {
  parsed_command_line options;
  if (auto error = parser.parse(argc, argv, options)) {
    report("error: {}\n", *error);
    return 2;
  }
  if (options.help) {
    if (write_stdout(parser.help_text())) return 0;
    report("error: cannot write the help text: {}\n", std::strerror(errno));
    return 2;
  }
  run_plan plan;
  if (auto error = make_plan(decl, options, plan)) {
    report("error: {}\n", *error);
    return 2;
  }
  int status = supervise(decl, plan, options);
  control = nullptr;
  unmap_shared(plan.memory, plan.bytes);
  return status;
}

}  // namespace detail
}  // namespace mpl
