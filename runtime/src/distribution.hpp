#pragma once
// A run spread over several MPI ranks (internal; docs/distributed.md). The placement of
// stages on ranks and the split of each queue that crosses ranks are plain logic
// (placement.cpp); moving items between ranks is the MPI runtime's bridge, behind
// `distribution`, so that a program built without MPI never links it.
#include "mpl/program.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mpl::detail {

struct run_plan;

// One end of a local ring that the bridge holds on this rank.
struct bridge_link {
  int queue;                // the queue (index in the program's declarations)
  int ring;                 // its ring on this rank (index in run_plan::queues)
  bool sends;               // the bridge reads this ring and sends; else it writes what arrives
  std::uint32_t slot;       // the bridge's reader (sends) or producer slot in the ring
  std::vector<int> peers;   // sends: the ranks that read the queue; else the ranks that write it
};

// An ordered pool whose workers run on several ranks (docs/distributed.md, "Ordered
// pools"). Its input is written and its output read on one rank, the hub: the hub's
// bridge deals the input out in chunks, one rank per chunk, and merges the outputs back
// chunk by chunk in the same order. A rank takes its next chunk into the pool only once
// the pool has committed the previous one, so the outputs of each chunk can be told apart.
struct ordered_spread {
  int stage, input, output, hub;
};

class distribution {
public:
  virtual ~distribution() = default;
  virtual int rank() const = 0;
  virtual int ranks() const = 0;
  virtual const std::string& host() const = 0;
  // Readable when the bridge has news for the supervisor (finished, or a stop).
  virtual int wake_fd() const = 0;
  // Starts moving items for `links` (the plan stays alive until finish()).
  virtual void start(const program_decl& decl, const run_plan& plan) = 0;
  // True while the bridge still has items to move or ends of stream to deliver.
  virtual bool busy() const = 0;
  // Another rank stopped the run (it reported why): the status to end with.
  virtual std::optional<int> remote_stop() = 0;
  // This rank stops the run with `status`: every other rank is told.
  virtual void local_stop(int status) = 0;
  // Ends the bridge and agrees with every rank on the run's status (the worst).
  virtual int finish(int status) = 0;
  // --stats: one line per rank (host, processes, items) and the traffic between ranks.
  virtual std::string stats_text(int local_processes, std::uint64_t local_items) = 0;
};

// Which ranks run each stage (default: pools on every rank, other stages and every stage
// that names a shared value on rank 0), after --place; an error message when --place
// asks for something the run cannot do.
std::optional<std::string> place_stages(const program_decl& decl, const parsed_command_line& options,
                                        int ranks, std::vector<std::vector<int>>& stage_ranks,
                                        std::vector<ordered_spread>& spreads);

}  // namespace mpl::detail
