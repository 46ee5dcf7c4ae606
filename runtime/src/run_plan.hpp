#pragma once
// The resolved shape of one run (internal): replica counts after --workers, queue
// kinds and slot counts, and where everything sits in the shared mapping. Built by
// the supervisor before any fork; children inherit it.
#include "distribution.hpp"
#include "mpl/pool.hpp"
#include "mpl/program.hpp"
#include "mpl/queue_layout.hpp"
#include "mpl/shared_memory.hpp"
#include "mpl/trace_ring.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mpl::detail {

// One per (stage, replica), in shared memory; a retried worker reuses its slot's record.
struct process_record {
  process_stats stats;
  alignas(64) std::atomic<std::uint32_t> finished{0};  // body returned, outputs closed
  std::atomic<std::uint32_t> stopped_early{0};          // ended by a broken output queue
  // A per-item body is running: 0 when not; else the item's input position + 2 (1: the
  // position is unknown, an encoded item).
  std::atomic<std::uint64_t> holding{0};
  char failure[448] = {};                               // what() of the body's exception
};

struct stage_plan {
  int replicas = 1;        // processes on this rank
  int first_index = 0;     // index() of replica 0 here; other ranks' replicas come before
  int total_replicas = 1;  // replicas() over every rank
  std::vector<std::uint32_t> first_producer_slot;  // per output: the slot of replica 0
  std::vector<std::uint32_t> first_consumer_slot;  // per input: the slot of replica 0
  process_record* records = nullptr;                // one per replica
  pool_shared* pool = nullptr;                      // managed pools only
  worker_record* workers = nullptr;                 // one per worker
  trace_ring* traces = nullptr;                     // one per replica, --trace only
  std::uint32_t max_batch = 1;
};

struct run_plan {
  run_control* control = nullptr;
  // One ring per queue, in declaration order; then, on a rank that both writes and reads
  // a queue crossing ranks, the ring its readers use (the bridge fills it).
  std::vector<queue_view> queues;
  std::vector<int> read_ring;  // per queue: the ring its readers on this rank use
  distribution* cluster = nullptr;  // null: one host
  std::vector<bridge_link> links;   // the bridge's ends (distributed runs only)
  std::vector<ordered_spread> spreads;  // ordered pools on several ranks
  std::string where;                // " on rank R (HOST)" in messages; empty on one host
  std::vector<stage_plan> stages;
  bool traced = false;  // --trace: every process records its waits (trace_ring.hpp)
  void* memory = nullptr;
  std::size_t bytes = 0;
};

// Resolves counts and topology and maps the shared memory; an error message on a bad
// configuration (a pipe that is not point-to-point, a capacity < 1, ...).
std::optional<std::string> make_plan(const program_decl& decl, const parsed_command_line& options,
                                     run_plan& plan);

// Forks, supervises and reports; returns the exit status.
int supervise(const program_decl& decl, run_plan& plan, const parsed_command_line& options);

// Runs before{} or after{} in the supervisor (hooks.cpp): false when it threw (reported).
// SIGINT/SIGTERM, or the --timeout `deadline_ns` (0: none), end the program at once:
// nothing is forked that could be stopped half way.
// `where`: " on rank R (HOST)" in a distributed run, else empty.
bool run_hook(void (*hook)(), const char* name, std::uint64_t deadline_ns, const std::string& where);

// The supervisor adopts the orphans of its stages' helpers (descendants.cpp) and ends
// every one left when the run ends.
void become_subreaper();
void end_descendants(std::uint64_t grace_ns);
// Async-signal-safe: SIGKILLs every descendant now (a signal handler about to _exit).
void kill_descendants_now();

// Each child's standard output (stdout_lines.cpp): whole lines, never torn.
void start_child_output();
void end_child_output();

struct process_times {
  int stage;
  std::uint64_t started_ns, ended_ns;
};
// At exit: --stats (the table), --stats=json, --stats-json=FILE (run_summary.hpp).
void print_stats(const program_decl& decl, const run_plan& plan, const parsed_command_line& options,
                 const std::vector<process_times>& times, std::uint64_t wall_ns, int status);

}  // namespace mpl::detail
