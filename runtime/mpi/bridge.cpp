// The bridge of one rank: local rings to batched MPI messages and back (bridge.hpp).
#include "bridge.hpp"

#include "mpl/ring_reader.hpp"
#include "mpl/ring_writer.hpp"

#include <algorithm>
#include <cstring>
#include <time.h>

namespace mpl::detail {
namespace {
// Under Open MPI's TCP eager limit (64 KiB with headers): a batch goes out at once, with
// no rendezvous round trip (measured: 512 KiB batches were 1.4x slower on loopback).
constexpr std::size_t batch_bytes = 60 * 1024;
constexpr int items_per_step = 8192;            // per link and round, so no link starves the others

// Slots a reading rank lets one writing rank send ahead: the queue's capacity, or 1 MiB
// of its slots when that is more — a window of a few slots would make every batch wait
// for a round trip between the ranks (docs/distributed.md, "Transport and flow control").
std::uint64_t credit_window(const queue_view& view) {
  return std::max<std::uint64_t>(view.slot_count, (std::uint64_t{1} << 20) / std::max<std::uint32_t>(1, view.stride));
}

void check(int code) {
  if (code != MPI_SUCCESS) throw mpi_failure{code};
}
std::uint64_t now_ns() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return std::uint64_t(t.tv_sec) * 1'000'000'000 + std::uint64_t(t.tv_nsec);
}
template <class T> T read_word(const std::vector<std::byte>& message) {
  T word{};
  std::memcpy(&word, message.data(), std::min(sizeof word, message.size()));
  return word;
}
}  // namespace

struct bridge::peer_out {
  int rank;
  std::uint64_t credit;  // ring slots the reader rank can still take
  bool broken = false;
  std::vector<std::byte> batch;
  std::uint32_t count = 0;
};

struct bridge::sending {
  sending(const bridge_link& l, const queue_view& view, process_stats& stats)
      : link(l), reader(view, stats), window(credit_window(view)) {}
  const bridge_link& link;
  ring_reader reader;
  std::uint64_t window;  // the reader ranks' rings have the same capacity
  std::vector<peer_out> peers;
  byte_buffer held;      // an encoded item popped before a peer had credit for it
  bool holding = false;
  bool done = false;
  // Hub of an ordered pool's input: chunks of chunk_size items, each to one rank,
  // recorded in dispatch_log for the merge of the outputs.
  std::deque<std::size_t>* dispatch_log = nullptr;
  std::uint64_t chunk_size = 0, chunk_items = 0;
  std::size_t chunk_peer = no_peer;
  // An ordered pool's output here: a chunk's last batch is flagged once cut.
  chunk_gate* gate = nullptr;
  static constexpr std::size_t no_peer = ~std::size_t{0};
};

struct bridge::receiving {
  receiving(const bridge_link& l, const queue_view& view, process_stats& stats)
      : link(l), writer(view, l.slot, stats), window(credit_window(view)) {}
  const bridge_link& link;
  ring_writer writer;
  std::uint64_t window;  // credit each writer rank starts with
  struct batch {
    std::vector<std::byte> bytes;
    std::size_t offset;
    std::uint32_t left;
    std::uint32_t flags;
  };
  std::vector<std::deque<batch>> pending;  // per sender, in arrival order
  std::vector<std::uint64_t> to_return;    // per sender: units pushed, credit not yet returned
  std::vector<bool> ended;                 // per sender: its end of stream arrived
  std::size_t next_sender = 0;             // round robin between senders
  bool broken = false;
  bool done = false;
  std::deque<std::size_t>* merge_log = nullptr;  // hub of an ordered pool's output
  chunk_gate* gate = nullptr;                    // an ordered pool's input here
  std::size_t sender_index(int rank) const {
    return static_cast<std::size_t>(std::find(link.peers.begin(), link.peers.end(), rank) - link.peers.begin());
  }
  bool nothing_pending() const {
    return std::all_of(pending.begin(), pending.end(), [](const auto& q) { return q.empty(); });
  }
};

bridge::bridge(const program_decl& decl, const run_plan& plan, MPI_Comm comm, int rank, int ranks)
    : decl_(decl), plan_(plan), comm_(comm), rank_(rank), ranks_(ranks), sent_to_(ranks), received_from_(ranks),
      traffic_(decl.queues.size()) {
  for (const bridge_link& link : plan.links) {
    const queue_view& view = plan.queues[link.ring];
    if (link.sends) {
      auto out = std::make_unique<sending>(link, view, stats_);
      for (int peer : link.peers)
        out->peers.push_back({peer, out->window, false, std::vector<std::byte>(sizeof(wire::batch_header)), 0});
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

template <class T> void bridge::send_word(int dest, int tag, const T& word) {
  std::vector<std::byte> bytes(sizeof word);
  std::memcpy(bytes.data(), &word, sizeof word);
  send(dest, tag, std::move(bytes));
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

bool bridge::move_in(receiving& link) {
  if (link.done) return false;
  bool moved = false;
  const queue_decl& queue = decl_.queues[static_cast<std::size_t>(link.link.queue)];
  auto pick_sender = [&]() -> std::size_t {
    if (link.merge_log) {
      if (link.merge_log->empty() || link.pending[link.merge_log->front()].empty()) return sending::no_peer;
      return link.merge_log->front();
    }
    for (std::size_t i = 0; i < link.pending.size(); ++i) {
      std::size_t sender = (link.next_sender + i) % link.pending.size();
      if (!link.pending[sender].empty()) return sender;
    }
    return sending::no_peer;
  };
  try {
    for (;;) {
      std::size_t sender = pick_sender();
      if (sender == sending::no_peer) break;
      auto& batch = link.pending[sender].front();
      bool full = false;
      while (batch.left > 0) {
        if (link.gate && link.gate->waiting && !link.gate->released) {  // previous chunk not cut yet
          full = true;
          break;
        }
        const std::byte* at = batch.bytes.data() + batch.offset;
        std::uint64_t units = 1;
        std::size_t used = queue.direct_size;
        if (queue.direct) {  // a whole run at once; a batch never spans two chunks
          std::size_t pushed = link.writer.try_push_raw_run(at, queue.direct_size, batch.left);
          if (pushed == 0) { full = true; break; }
          moved = true;
          batch.offset += pushed * queue.direct_size;
          batch.left -= static_cast<std::uint32_t>(pushed);
          link.to_return[sender] += pushed;
          if (link.gate) link.gate->pushed += pushed;
          continue;
        } else {
          std::uint32_t size;
          std::memcpy(&size, at, sizeof size);
          if (!link.writer.try_push_bytes(at + sizeof size, size)) { full = true; break; }
          units = ring_writer::chunks_for(size);
          used = sizeof size + size;
        }
        moved = true;
        batch.offset += used;
        --batch.left;
        link.to_return[sender] += units;
        if (link.gate) ++link.gate->pushed;
      }
      if (full) break;
      std::uint32_t flags = batch.flags;
      link.pending[sender].pop_front();
      link.next_sender = sender + 1;
      moved = true;
      if (flags & wire::last_of_chunk) {
        if (link.gate) {
          link.gate->waiting = true;
          link.gate->end = link.gate->pushed;
        }
        if (link.merge_log) link.merge_log->pop_front();
      }
    }
  } catch (const broken_queue&) {  // every reader here finished: tell the writer ranks
    link.broken = true;
    for (auto& queue_of_sender : link.pending) queue_of_sender.clear();
    for (std::size_t s = 0; s < link.link.peers.size(); ++s)
      if (!link.ended[s]) send_word(link.link.peers[s], wire::broken, wire::queue_word{std::uint32_t(link.link.queue)});
    moved = true;
  }
  for (std::size_t s = 0; s < link.link.peers.size(); ++s) {
    std::uint64_t& units = link.to_return[s];
    if (link.ended[s] || units == 0) continue;
    if (units >= std::max<std::uint64_t>(1, link.window / 4) || link.pending[s].empty()) {
      send_word(link.link.peers[s], wire::credit,
                wire::credit_message{std::uint32_t(link.link.queue), static_cast<std::uint32_t>(units)});
      units = 0;
    }
  }
  bool all_ended = std::all_of(link.ended.begin(), link.ended.end(), [](bool e) { return e; });
  if (all_ended && link.nothing_pending()) {
    link.writer.close();
    link.done = true;
    moved = true;
  }
  return moved;
}

bool bridge::move_out(sending& link) {
  if (link.done) return false;
  const queue_decl& queue = decl_.queues[static_cast<std::size_t>(link.link.queue)];
  auto flush = [&](peer_out& peer, bool last_of_chunk = false) {
    if (peer.count == 0 && !last_of_chunk) return;
    wire::batch_header header{std::uint32_t(link.link.queue), peer.count, last_of_chunk ? wire::last_of_chunk : 0u};
    std::memcpy(peer.batch.data(), &header, sizeof header);
    queue_traffic& traffic = traffic_[static_cast<std::size_t>(link.link.queue)];
    traffic.bytes += peer.batch.size();
    traffic.messages += 1;
    traffic.items += peer.count;
    send(peer.rank, wire::items, std::move(peer.batch));
    peer.batch.assign(sizeof header, std::byte{0});
    peer.count = 0;
  };
  // An ordered pool's chunk is over: its last batch says so.
  auto end_chunk = [&] {
    if (link.chunk_peer != sending::no_peer) flush(link.peers[link.chunk_peer], true);
    link.chunk_peer = sending::no_peer;
    link.chunk_items = 0;
  };
  auto cut = [&] {
    flush(link.peers.front(), true);
    link.gate->waiting = false;
  };
  auto finish = [&] {
    if (link.dispatch_log) end_chunk();
    if (link.gate) {
      if (link.gate->waiting) cut();
      // The readers stopped early: the pool must take its input again to meet the
      // broken queue at its next commit, and end.
      link.gate->released = true;
    }
    for (peer_out& peer : link.peers) {
      flush(peer);
      send_word(peer.rank, wire::end, wire::queue_word{std::uint32_t(link.link.queue)});
    }
    link.done = true;
  };
  auto has_room = [&](const peer_out& peer, std::uint64_t units) {
    return !peer.broken && (peer.credit >= units || peer.credit == link.window);
  };
  // The reader rank with the most room for an item of `units` slots (one bigger than
  // the window goes when the rank has its whole window); within an ordered pool's
  // chunk, only the chunk's rank.
  auto best_peer = [&](std::uint64_t units) -> peer_out* {
    if (link.dispatch_log && link.chunk_peer != sending::no_peer) {
      peer_out& peer = link.peers[link.chunk_peer];
      return has_room(peer, units) ? &peer : nullptr;
    }
    std::size_t best = sending::no_peer;
    for (std::size_t i = 0; i < link.peers.size(); ++i)
      if (has_room(link.peers[i], units) && (best == sending::no_peer || link.peers[i].credit > link.peers[best].credit))
        best = i;
    if (best == sending::no_peer) return nullptr;
    if (link.dispatch_log) {  // a new chunk
      link.chunk_peer = best;
      link.dispatch_log->push_back(best);
    }
    return &link.peers[best];
  };
  bool any_broken = std::any_of(link.peers.begin(), link.peers.end(), [](const peer_out& p) { return p.broken; });
  if (any_broken && (link.dispatch_log ||
                     std::all_of(link.peers.begin(), link.peers.end(), [](const peer_out& p) { return p.broken; }))) {
    // Every reader rank stopped early (or one, for an ordered pool, whose order then
    // cannot go on): so do this queue's writers here.
    link.reader.queue().reader_finished(link.link.slot);
    finish();
    return true;
  }
  // Read before popping: every output of the chunk is in the ring once the pool has
  // committed it, and nothing of the next chunk is (it waits at the gate).
  bool cut_due = link.gate && link.gate->waiting &&
                 link.gate->pool->commit_turn.load(std::memory_order_acquire) >= link.gate->end;
  bool moved = false;
  pop_status status = pop_status::item;
  for (int n = 0; n < items_per_step; ++n) {
    peer_out* peer = nullptr;
    status = pop_status::item;
    if (queue.direct) {
      if (link.dispatch_log && link.chunk_peer == sending::no_peer) {
        // Open a chunk only for an item that exists.
        if (!link.holding) {
          link.held.clear();
          link.held.reserve(queue.direct_size);
          std::byte scratch[256];
          std::byte* into = queue.direct_size <= sizeof scratch ? scratch : nullptr;
          std::vector<std::byte> big;
          if (!into) big.resize(queue.direct_size), into = big.data();
          status = link.reader.pop_raw(into, queue.direct_size, false);
          if (status == pop_status::item) link.held.append(into, queue.direct_size), link.holding = true;
        }
        if (link.holding) {
          peer = best_peer(1);
          if (!peer) break;
          peer->batch.insert(peer->batch.end(), link.held.data(), link.held.data() + queue.direct_size);
          peer->credit -= 1;
          link.holding = false;
        }
      } else {  // a whole run of ready items at once, within credit, batch and chunk
        peer = best_peer(1);
        if (!peer) break;
        std::uint64_t max = std::min<std::uint64_t>(peer->credit, batch_bytes / queue.direct_size + 1);
        if (link.dispatch_log) max = std::min(max, link.chunk_size - link.chunk_items);
        std::size_t old = peer->batch.size();
        peer->batch.resize(old + max * queue.direct_size);
        std::size_t popped = link.reader.pop_raw_run(peer->batch.data() + old, queue.direct_size,
                                                     static_cast<std::size_t>(max), status);
        peer->batch.resize(old + popped * queue.direct_size);
        if (popped > 0) {
          moved = true;
          peer->credit -= popped;
          peer->count += static_cast<std::uint32_t>(popped);
          if (link.dispatch_log && (link.chunk_items += popped) == link.chunk_size) {
            end_chunk();
            continue;
          }
          if (peer->batch.size() >= batch_bytes || peer->credit == 0) flush(*peer);
          continue;
        }
      }
    } else {
      if (!link.holding) {
        status = link.reader.pop_bytes(link.held, false);
        link.holding = status == pop_status::item;
      }
      if (link.holding) {
        std::uint64_t units = ring_writer::chunks_for(link.held.size());
        peer = best_peer(units);
        if (!peer) break;
        std::uint32_t size = static_cast<std::uint32_t>(link.held.size());
        std::size_t old = peer->batch.size();
        peer->batch.resize(old + sizeof size + size);
        std::memcpy(peer->batch.data() + old, &size, sizeof size);
        if (size) std::memcpy(peer->batch.data() + old + sizeof size, link.held.data(), size);
        peer->credit -= std::min(peer->credit, units);
        link.holding = false;
      }
    }
    if (status == pop_status::end) {
      finish();
      return true;
    }
    if (status == pop_status::empty) break;
    moved = true;
    ++peer->count;
    if (link.dispatch_log && ++link.chunk_items == link.chunk_size) {
      end_chunk();
      continue;
    }
    if (peer->batch.size() >= batch_bytes || peer->credit == 0) flush(*peer);
  }
  if (status == pop_status::empty && cut_due) {  // the chunk's outputs are all out
    cut();
    moved = true;
  }
  // Nothing more at hand: send what is batched rather than wait for a full batch.
  for (peer_out& peer : link.peers) flush(peer);
  return moved;
}

bool bridge::settle(int& status, std::uint64_t deadline_ns) {
  std::vector<std::uint64_t> expected(static_cast<std::size_t>(ranks_));
  MPI_Request request;
  check(MPI_Ialltoall(sent_to_.data(), 1, MPI_UINT64_T, expected.data(), 1, MPI_UINT64_T, comm_, &request));
  abandoned_ = true;  // whatever still arrives is only drained
  auto wait = [&](MPI_Request& r, auto&& also_done) {
    for (;;) {
      receive_messages();
      complete_sends();
      int done = 0;
      check(MPI_Test(&r, &done, MPI_STATUS_IGNORE));
      if (done && also_done()) return true;
      if (now_ns() > deadline_ns) return false;
      timespec pause{0, 100'000};
      nanosleep(&pause, nullptr);
      if (done) r = MPI_REQUEST_NULL;
    }
  };
  bool counted = wait(request, [&] { return received_from_ == expected && in_flight_.empty(); });
  if (!counted) return false;
  int worst = status;
  check(MPI_Iallreduce(&status, &worst, 1, MPI_INT, MPI_MAX, comm_, &request));
  if (!wait(request, [] { return true; })) return false;
  status = worst;
  return true;
}

}  // namespace mpl::detail
