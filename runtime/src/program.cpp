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

namespace {
// Sorted, without repeats: the union of two rank lists.
void add_ranks(std::vector<int>& into, const std::vector<int>& ranks) {
  for (int rank : ranks)
    if (std::find(into.begin(), into.end(), rank) == into.end()) into.push_back(rank);
  std::sort(into.begin(), into.end());
}
bool has_rank(const std::vector<int>& ranks, int rank) {
  return std::find(ranks.begin(), ranks.end(), rank) != ranks.end();
}
}  // namespace

std::optional<std::string> make_plan(const program_decl& decl, const parsed_command_line& options,
                                     run_plan& plan) {
  int rank = plan.cluster ? plan.cluster->rank() : 0;
  std::vector<std::vector<int>> stage_ranks;
  if (auto error = place_stages(decl, options, plan.cluster ? plan.cluster->ranks() : 1, stage_ranks, plan.spreads))
    return error;
  plan.stages.resize(decl.stages.size());
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    long replicas = decl.stages[s].replicas.resolve();
    for (const auto& override : options.workers)
      if (override.stage == decl.stages[s].name) replicas = override.count;
    if (replicas < 1 || replicas > 4096)
      return fmt::format("stage '{}' has {} replicas; expected 1 to 4096", decl.stages[s].name, replicas);
    // On several ranks, each runs the replica count; index() counts over all of them.
    const std::vector<int>& ranks = stage_ranks[s];
    auto here = std::find(ranks.begin(), ranks.end(), rank);
    stage_plan& shape = plan.stages[s];
    shape.total_replicas = static_cast<int>(replicas * static_cast<long>(ranks.size()));
    shape.replicas = here == ranks.end() ? 0 : static_cast<int>(replicas);
    shape.first_index = static_cast<int>(replicas * (here - ranks.begin()));
  }

  const std::size_t queue_count = decl.queues.size();
  std::vector<std::vector<int>> writer_ranks(queue_count), reader_ranks(queue_count);
  std::vector<long> all_producers(queue_count), all_consumers(queue_count);
  std::vector<bool> feeds_managed_pool(queue_count);
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    for (int q : decl.stages[s].outputs) {
      add_ranks(writer_ranks[q], stage_ranks[s]);
      all_producers[q] += plan.stages[s].total_replicas;
    }
    for (int q : decl.stages[s].inputs) {
      add_ranks(reader_ranks[q], stage_ranks[s]);
      all_consumers[q] += plan.stages[s].total_replicas;
    }
    if (decl.stages[s].managed_pool()) feeds_managed_pool[decl.stages[s].inputs.front()] = true;
  }
  for (std::size_t q = 0; q < queue_count; ++q) {
    const queue_decl& queue = decl.queues[q];
    if (queue.is_pipe && (all_producers[q] != 1 || all_consumers[q] != 1))
      return fmt::format("pipe '{}' needs exactly one writing and one reading process, but has {} "
                         "and {} (check --workers{})", queue.name, all_producers[q], all_consumers[q],
                         plan.cluster ? " and --place" : "");
    if (feeds_managed_pool[q])
      for (std::size_t s = 0; s < decl.stages.size(); ++s)
        if (!decl.stages[s].managed_pool() &&
            std::count(decl.stages[s].inputs.begin(), decl.stages[s].inputs.end(), int(q)))
          return fmt::format("queue '{}' feeds an ordered or retrying pool, which must be its only reader",
                             queue.name);
  }

  // The rings of this rank: ring q is where q's writers here push. A queue whose ends
  // are on different ranks has the bridge at one end of each of its rings here; on a
  // rank that both writes and reads it, the readers get a ring of their own, which the
  // bridge fills from every writing rank (this one included) as their credit allows.
  std::vector<int> ring_queue(queue_count);
  plan.read_ring.resize(queue_count);
  for (std::size_t q = 0; q < queue_count; ++q) ring_queue[q] = plan.read_ring[q] = static_cast<int>(q);
  plan.links.clear();
  for (std::size_t q = 0; q < queue_count; ++q) {
    std::vector<int> ends = writer_ranks[q];
    add_ranks(ends, reader_ranks[q]);
    if (ends.size() < 2) continue;
    bool writes = has_rank(writer_ranks[q], rank), reads = has_rank(reader_ranks[q], rank);
    if (writes && reads) {
      plan.read_ring[q] = static_cast<int>(ring_queue.size());
      ring_queue.push_back(static_cast<int>(q));
    }
    if (writes) plan.links.push_back({int(q), int(q), true, 0, reader_ranks[q]});
    if (reads) plan.links.push_back({int(q), plan.read_ring[q], false, 0, writer_ranks[q]});
  }

  const std::size_t ring_count = ring_queue.size();
  std::vector<std::uint32_t> producers(ring_count), consumers(ring_count);
  std::vector<bool> managed_input(ring_count);
  // Per ring: written by a managed pool's workers; written only by one ordered pool.
  std::vector<bool> managed_output(ring_count);
  std::vector<int> writer_stage(ring_count, -1);  // -2: several writer stages
  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    const stage_decl& stage = decl.stages[s];
    stage_plan& shape = plan.stages[s];
    for (int q : stage.outputs) {
      if (shape.replicas == 0) {  // placed on other ranks
        shape.first_producer_slot.push_back(0);
        continue;
      }
      if (stage.managed_pool()) managed_output[q] = true;
      writer_stage[q] = writer_stage[q] == -1 ? int(s) : -2;
      shape.first_producer_slot.push_back(producers[q]);
      producers[q] += shape.replicas;
    }
    for (int q : stage.inputs) {
      int ring = plan.read_ring[q];
      shape.first_consumer_slot.push_back(consumers[ring]);
      consumers[ring] += shape.replicas;
    }
    if (stage.managed_pool() && shape.replicas > 0) managed_input[plan.read_ring[stage.inputs.front()]] = true;
  }
  for (bridge_link& link : plan.links) link.slot = link.sends ? consumers[link.ring]++ : producers[link.ring]++;

  plan.queues.resize(ring_count);
  for (std::size_t ring = 0; ring < ring_count; ++ring) {
    const queue_decl& queue = decl.queues[ring_queue[ring]];
    long capacity = queue.capacity.resolve();
    if (capacity < 1 || capacity > (1L << 30))
      return fmt::format("queue '{}' has capacity {}; expected 1 to 2^30", queue.name, capacity);
    queue_view& view = plan.queues[ring];
    view.name = queue.name.c_str();
    // The workers of an ordered pool push only while holding the pool's commit turn, so
    // they write its output one at a time, like a single producer: an SPSC ring whose
    // writers re-read the shared tail when their turn starts.
    bool turn_taking_writers = writer_stage[ring] >= 0 &&
                               decl.stages[writer_stage[ring]].managed_pool() &&
                               decl.stages[writer_stage[ring]].ordering == order::ordered;
    view.kind = (producers[ring] == 1 || turn_taking_writers) && consumers[ring] == 1 && !managed_input[ring]
                    ? ring_kind::spsc
                    : ring_kind::mpmc;
    // A managed pool's retry record counts pushed outputs: they must be visible at once.
    view.serialized_producers = view.kind == ring_kind::spsc && managed_output[ring];
    view.consumer_count = managed_input[ring] ? 0 : consumers[ring];
    view.slot_count = std::bit_ceil(static_cast<std::uint64_t>(std::max(capacity, 2L)));
    // A managed pool keeps an item's slots until its outputs are committed, so a ring
    // smaller than its workers would leave some of them idle (docs/runtime.md, "Pools").
    if (managed_input[ring])
      view.slot_count = std::max(view.slot_count, std::bit_ceil(2 * static_cast<std::uint64_t>(consumers[ring])));
    view.stride = slot_stride(queue, view.kind);
    view.direct = queue.direct;
    view.producer_count = producers[ring];
    view.reader_count = consumers[ring];
  }

  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    if (!decl.stages[s].managed_pool() || plan.stages[s].replicas == 0) continue;
    // Like Pool.map's chunksize: a few batches per worker in flight, never more than 256.
    std::uint64_t slots = plan.queues[plan.read_ring[decl.stages[s].inputs.front()]].slot_count;
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
    ctx.index_ = shape.first_index + replica;
    ctx.replicas_ = shape.total_replicas;
    ctx.holding_ = &shape.records[replica].holding;
    for (std::size_t i = 0; i < stage.inputs.size(); ++i) {
      const queue_view& view = plan.queues[plan.read_ring[stage.inputs[i]]];
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
                                                plan.queues[plan.read_ring[stage.inputs.front()]],
                                                stage.ordering == order::ordered, stage.retry, shape.max_batch,
                                                stage.name, stats);
    if (ctx.pool_) {
      int ring = plan.read_ring[stage.inputs.front()];
      bool rank_share = std::any_of(plan.links.begin(), plan.links.end(),
                                    [&](const bridge_link& link) { return !link.sends && link.ring == ring; });
      ctx.pool_->describe_as(shape.first_index + replica, plan.where, rank_share);
    }
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

int run_program(program_decl& decl, command_line_parser& parser, int argc, char** argv,
                distribution* cluster) {
  // Every rank of a distributed run parses the same command line: rank 0 speaks for all.
  bool speaks = !cluster || cluster->rank() == 0;
  parsed_command_line options;
  if (auto error = parser.parse(argc, argv, options)) {
    if (speaks) report("error: {}\n", *error);
    return 2;
  }
  if (options.help) {
    if (!speaks || write_stdout(parser.help_text())) return 0;
    report("error: cannot write the help text: {}\n", std::strerror(errno));
    return 2;
  }
  // Each rank writes its own timeline: FILE on rank 0, FILE.rankN on rank N; only rank 0
  // draws the live view (the others' would interleave with it on mpirun's stderr).
  if (cluster && cluster->rank() != 0) {
    if (!options.trace_file.empty()) options.trace_file += fmt::format(".rank{}", cluster->rank());
    options.progress = progress_mode::off;
  }
  run_plan plan;
  plan.cluster = cluster;
  if (cluster && cluster->ranks() > 1)
    plan.where = fmt::format(" on rank {} ({})", cluster->rank(), cluster->host());
  if (auto error = make_plan(decl, options, plan)) {
    if (speaks) report("error: {}\n", *error);
    return 2;
  }
  int status = supervise(decl, plan, options);
  control = nullptr;
  unmap_shared(plan.memory, plan.bytes);
  return status;
}

}  // namespace detail
}  // namespace mpl
