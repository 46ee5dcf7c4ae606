// A sending link of the bridge: a local ring into batches for the reading ranks, within
// their credit; an ordered pool's input dealt out in chunks at its hub, and the cut that
// ends a chunk's outputs on each rank (docs/distributed.md).
#include "bridge_links.hpp"

namespace mpl::detail {

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
    auto window = static_cast<std::int64_t>(link.window);
    return !peer.broken && (peer.credit >= static_cast<std::int64_t>(units) || peer.credit == window);
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
        std::uint64_t max = std::min<std::uint64_t>(static_cast<std::uint64_t>(peer->credit),
                                                    batch_bytes / queue.direct_size + 1);
        if (link.dispatch_log) max = std::min(max, link.chunk_size - link.chunk_items);
        std::size_t old = peer->batch.size();
        peer->batch.resize(old + max * queue.direct_size);
        std::size_t popped = link.reader.pop_raw_run(peer->batch.data() + old, queue.direct_size,
                                                     static_cast<std::size_t>(max), status);
        peer->batch.resize(old + popped * queue.direct_size);
        if (popped > 0) {
          moved = true;
          peer->credit -= static_cast<std::int64_t>(popped);
          if (peer->count == 0) peer->first_ns = monotonic_ns();
          peer->count += static_cast<std::uint32_t>(popped);
          if (link.dispatch_log && (link.chunk_items += popped) == link.chunk_size) {
            end_chunk();
            continue;
          }
          if (peer->batch.size() >= batch_bytes || peer->credit <= 0) flush(*peer);
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
        peer->credit -= static_cast<std::int64_t>(units);  // the whole item, even past the window
        link.holding = false;
      }
    }
    if (status == pop_status::end) {
      finish();
      return true;
    }
    if (status == pop_status::empty) break;
    moved = true;
    if (peer->count++ == 0) peer->first_ns = monotonic_ns();
    if (link.dispatch_log && ++link.chunk_items == link.chunk_size) {
      end_chunk();
      continue;
    }
    if (peer->batch.size() >= batch_bytes || peer->credit <= 0) flush(*peer);
  }
  if (status == pop_status::empty && cut_due) {  // the chunk's outputs are all out
    cut();
    moved = true;
  }
  // Nothing more at hand: send what has waited long enough rather than a full batch.
  std::uint64_t now = monotonic_ns();
  for (peer_out& peer : link.peers)
    if (peer.count && now - peer.first_ns >= batch_linger_ns) flush(peer);
  return moved;
}

}  // namespace mpl::detail
