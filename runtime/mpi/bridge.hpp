#pragma once
// The bridge of one rank (docs/distributed.md, "Transport" and "Flow control"): a thread
// of the rank's supervisor — the only process that may call MPI — that empties the
// local rings whose readers are on other ranks into batched messages, and fills the
// local rings whose writers are on other ranks from them. Credits bound what is in
// flight: a writer rank sends a reader rank at most one ring's worth of slots that the
// reader has not yet passed on to its ring.
#include "../src/run_plan.hpp"
#include "wire.hpp"

#include <mpi.h>

#include <atomic>
#include <deque>
#include <list>
#include <memory>
#include <vector>

namespace mpl::detail {

class ring_reader;
class ring_writer;

// Bytes and messages one queue sent to other ranks (--stats).
struct queue_traffic {
  std::uint64_t bytes = 0, messages = 0, items = 0;
};

class bridge {
public:
  bridge(const program_decl& decl, const run_plan& plan, MPI_Comm comm, int rank, int ranks);
  ~bridge();
  bridge(const bridge&) = delete;
  bridge& operator=(const bridge&) = delete;

  // One round: receive what arrived, move items both ways, complete sends. False when
  // nothing happened (the caller backs off). Throws mpi_failure.
  bool step();
  // Every link finished and every send completed.
  bool idle() const;
  // Stop moving items (the run is stopping); messages are still received.
  void abandon() { abandoned_ = true; }
  void send_stop(int status);
  // A stop another rank sent (0: none yet).
  int remote_stop() const { return remote_stop_; }
  // The end of the run: every rank tells every other how many messages it sent it, and
  // each receives until it has them all (so no message is left unmatched); then the
  // worst status wins. Waits for every rank to get here however long it takes; after
  // that, false when the rest takes longer than `grace_ns`.
  bool settle(int& status, std::uint64_t grace_ns);
  const std::vector<queue_traffic>& traffic() const { return traffic_; }

private:
  struct peer_out;  // a reader rank of a sending link
  struct sending;
  struct receiving;
  // An ordered pool on this rank takes one chunk at a time (distribution.hpp).
  struct chunk_gate {
    pool_shared* pool = nullptr;
    std::uint64_t pushed = 0;  // items given to the pool so far
    bool waiting = false;      // a whole chunk is in; the next waits for its outputs' cut
    std::uint64_t end = 0;     // ... which is due once the pool committed this many
    bool released = false;     // the output link is done: nothing waits for a cut any more
  };
  void set_up_spreads();
  bool receive_messages();
  void dispatch(int source, int tag, std::vector<std::byte>& message);
  bool move_out(sending& link);
  bool move_in(receiving& link);
  void send(int dest, int tag, std::vector<std::byte> message);
  bool complete_sends();
  template <class T> void send_word(int dest, int tag, const T& word);

  const program_decl& decl_;
  const run_plan& plan_;
  MPI_Comm comm_;
  int rank_, ranks_;
  std::vector<std::unique_ptr<sending>> sending_;
  std::vector<std::unique_ptr<receiving>> receiving_;
  struct pending_send {
    MPI_Request request;
    std::vector<std::byte> bytes;
  };
  std::list<pending_send> in_flight_;
  std::deque<chunk_gate> gates_;                    // one per spread pool running here
  std::deque<std::deque<std::size_t>> dispatch_logs_;  // hub: per spread, the rank of each chunk
  std::vector<std::uint64_t> sent_to_, received_from_;  // messages, per rank
  std::vector<queue_traffic> traffic_;                   // per queue
  process_stats stats_;  // the bridge's ring ends count into this (not reported)
  bool abandoned_ = false;
  int remote_stop_ = 0;
};

// An MPI call failed (the error handler already printed what MPI said).
struct mpi_failure {
  int code;
};

}  // namespace mpl::detail
