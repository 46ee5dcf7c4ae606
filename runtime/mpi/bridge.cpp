// The bridge of one rank: local rings to batched MPI messages and back (bridge.hpp).
// Here: setting up the links, exchanging messages, and the end of the run.
#include "bridge_links.hpp"

namespace mpl::detail {

bridge::bridge(const program_decl& decl, const run_plan& plan, MPI_Comm comm, int rank, int ranks)
    : decl_(decl), plan_(plan), comm_(comm), rank_(rank), ranks_(ranks), sent_to_(ranks), received_from_(ranks),
      traffic_(decl.queues.size()) {
  for (const bridge_link& link : plan.links) {
    const queue_view& view = plan.queues[link.ring];
    if (link.sends) {
      auto out = std::make_unique<sending>(link, view, stats_);
      for (int peer : link.peers)
        out->peers.push_back({peer, static_cast<std::int64_t>(out->window), false,
                              std::vector<std::byte>(sizeof(wire::batch_header)), 0});
      sending_.push_back(std::move(out));
    } else {
      auto in = std::make_unique<receiving>(link, view, stats_);
      in->pending.resize(link.peers.size());
      in->to_return.assign(link.peers.size(), 0);
      in->ended.assign(link.peers.size(), false);
      receiving_.push_back(std::move(in));
    }
  }
  set_up_spreads();
}

void bridge::set_up_spreads() {
  auto sender_of = [&](int queue) -> sending* {
    for (auto& link : sending_)
      if (link->link.queue == queue) return link.get();
    return nullptr;
  };
  auto receiver_of = [&](int queue) -> receiving* {
    for (auto& link : receiving_)
      if (link->link.queue == queue) return link.get();
    return nullptr;
  };
  for (const ordered_spread& spread : plan_.spreads) {
    if (rank_ == spread.hub) {
      sending* in = sender_of(spread.input);
      receiving* out = receiver_of(spread.output);
      if (in && out) {
        auto& log = dispatch_logs_.emplace_back();
        in->dispatch_log = &log;
        // Big enough that waiting for a chunk's cut is rare, small enough to keep every
        // rank busy to the end (docs/distributed.md, "Ordered pools").
        in->chunk_size = std::clamp<std::uint64_t>(in->window / 2, 16, 4096);
        out->merge_log = &log;
      }
    }
    const stage_plan& pool = plan_.stages[static_cast<std::size_t>(spread.stage)];
    if (pool.replicas > 0 && pool.pool) {
      receiving* in = receiver_of(spread.input);
      sending* out = sender_of(spread.output);
      if (in && out) {
        chunk_gate& gate = gates_.emplace_back();
        gate.pool = pool.pool;
        in->gate = out->gate = &gate;
      }
    }
  }
}

bridge::~bridge() = default;

bool bridge::idle() const {
  if (abandoned_) return true;
  for (const auto& link : sending_)
    if (!link->done) return false;
  for (const auto& link : receiving_)
    if (!link->done) return false;
  return true;
}

bool bridge::step() {
  bool progressed = receive_messages();
  if (!abandoned_) {
    try {
      for (auto& link : receiving_) progressed |= move_in(*link);
      for (auto& link : sending_) progressed |= move_out(*link);
    } catch (const run_aborted&) {
      abandoned_ = true;  // the supervisor is stopping the run
    }
  }
  return complete_sends() || progressed;
}

void bridge::send(int dest, int tag, std::vector<std::byte> message) {
  in_flight_.push_back({MPI_REQUEST_NULL, std::move(message)});
  pending_send& sent = in_flight_.back();
  check(MPI_Isend(sent.bytes.data(), static_cast<int>(sent.bytes.size()), MPI_BYTE, dest, tag, comm_, &sent.request));
  ++sent_to_[static_cast<std::size_t>(dest)];
}

void bridge::send_stop(int status) {
  for (int r = 0; r < ranks_; ++r)
    if (r != rank_) send_word(r, wire::stop, wire::status_word{status});
}

bool bridge::complete_sends() {
  bool completed = false;
  for (auto it = in_flight_.begin(); it != in_flight_.end();) {
    int done = 0;
    check(MPI_Test(&it->request, &done, MPI_STATUS_IGNORE));
    if (!done) break;  // sends to one rank complete in order; a later one rarely first
    it = in_flight_.erase(it);
    completed = true;
  }
  return completed;
}

bool bridge::receive_messages() {
  bool received = false;
  for (int i = 0; i < 256; ++i) {
    int arrived = 0;
    MPI_Status status;
    check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, comm_, &arrived, &status));
    if (!arrived) break;
    int size = 0;
    check(MPI_Get_count(&status, MPI_BYTE, &size));
    std::vector<std::byte> message(static_cast<std::size_t>(size));
    check(MPI_Recv(message.data(), size, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, comm_, MPI_STATUS_IGNORE));
    ++received_from_[static_cast<std::size_t>(status.MPI_SOURCE)];
    dispatch(status.MPI_SOURCE, status.MPI_TAG, message);
    received = true;
  }
  return received;
}

void bridge::dispatch(int source, int tag, std::vector<std::byte>& message) {
  if (tag == wire::stop) {
    int status = read_word<wire::status_word>(message).status;
    if (!remote_stop_) remote_stop_ = status ? status : 1;
    return;
  }
  std::uint32_t queue = read_word<wire::queue_word>(message).queue;
  if (tag == wire::items || tag == wire::end) {
    for (auto& link : receiving_) {
      if (static_cast<std::uint32_t>(link->link.queue) != queue) continue;
      std::size_t sender = link->sender_index(source);
      if (sender >= link->link.peers.size()) return;
      if (tag == wire::end) {
        link->ended[sender] = true;
      } else if (!link->broken && !abandoned_) {
        auto header = read_word<wire::batch_header>(message);
        link->pending[sender].push_back({std::move(message), sizeof(wire::batch_header), header.count, header.flags});
      }
      return;
    }
    return;
  }
  for (auto& link : sending_) {
    if (static_cast<std::uint32_t>(link->link.queue) != queue) continue;
    for (peer_out& peer : link->peers) {
      if (peer.rank != source) continue;
      if (tag == wire::credit) peer.credit += read_word<wire::credit_message>(message).units;
      if (tag == wire::broken) peer.broken = true;
    }
    return;
  }
}

bool bridge::settle(int& status, std::uint64_t grace_ns) {
  std::vector<std::uint64_t> expected(static_cast<std::size_t>(ranks_));
  MPI_Request request;
  check(MPI_Ialltoall(sent_to_.data(), 1, MPI_UINT64_T, expected.data(), 1, MPI_UINT64_T, comm_, &request));
  abandoned_ = true;  // whatever still arrives is only drained
  // Polls `r` (receiving and completing sends meanwhile) until it and `also_done` hold,
  // or `deadline_ns` (0: none) passes; the pause grows while nothing happens.
  auto wait = [&](MPI_Request& r, std::uint64_t deadline_ns, auto&& also_done) {
    long pause_ns = 100'000;
    for (;;) {
      bool moved = receive_messages();
      moved = complete_sends() || moved;
      int done = 0;
      check(MPI_Test(&r, &done, MPI_STATUS_IGNORE));
      if (done && also_done()) return true;
      if (deadline_ns && monotonic_ns() > deadline_ns) return false;
      pause_ns = moved ? 100'000 : std::min<long>(pause_ns * 2, 10'000'000);
      timespec pause{0, pause_ns};
      nanosleep(&pause, nullptr);
    }
  };
  // Other ranks may run for a long time yet: their stages' business, not a fault.
  wait(request, 0, [] { return true; });
  // Every rank is here: what is left is a few messages, due at once.
  std::uint64_t deadline_ns = monotonic_ns() + grace_ns;
  if (!wait(request, deadline_ns, [&] { return received_from_ == expected && in_flight_.empty(); })) return false;
  int worst = status;
  check(MPI_Iallreduce(&status, &worst, 1, MPI_INT, MPI_MAX, comm_, &request));
  if (!wait(request, deadline_ns, [] { return true; })) return false;
  status = worst;
  return true;
}

}  // namespace mpl::detail
