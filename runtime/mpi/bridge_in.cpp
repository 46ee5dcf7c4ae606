// A receiving link of the bridge: batches from the writing ranks into a local ring, with
// credit back to them; an ordered pool's input through its chunk gate, and the merge of
// an ordered pool's outputs at its hub (docs/distributed.md).
#include "bridge_links.hpp"

namespace mpl::detail {

bool bridge::move_in(receiving& link) {
  if (link.done) return false;
  bool moved = false;
  const queue_decl& queue = decl_.queues[static_cast<std::size_t>(link.link.queue)];
  auto pick_sender = [&]() -> std::size_t {
    if (link.streaming.next_chunk != 0) return link.streaming_sender;
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
          // Never waits: an item longer than the ring goes in over several rounds, while
          // the bridge serves its other queues (the ring's reader may need them).
          link.streaming_sender = sender;
          if (!link.writer.push_bytes_without_waiting(at + sizeof size, size, link.streaming)) {
            full = true;
            break;
          }
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

}  // namespace mpl::detail
