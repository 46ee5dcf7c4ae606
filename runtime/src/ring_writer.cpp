#include "mpl/ring_writer.hpp"
#include "mpl/stress.hpp"

#include <algorithm>
#include <cassert>

namespace mpl::detail {

ring_writer::ring_writer(const queue_view& queue, std::uint32_t producer_slot, process_stats& stats)
    : queue_(queue), mask_(queue.slot_count - 1), producer_slot_(producer_slot), stats_(stats) {
  assert(queue.producer_count > producer_slot && "producer slot out of range");
  MPL_STRESS_POINT();
  // The head, not the tail: with turn-taking producers (ordered pool) this process may
  // start after others pushed, and a cached head must never be ahead of the real one.
  cached_head_ = queue_.shared->head.load();
  // The hint, not `tail`: it is the tail (spsc_tail), ahead of `tail` when an earlier
  // producer made its last pushes visible only through it.
  published_tail_ = queue_.shared->tail.load();
  counted_tail_ = queue_.shared->tail_hint.load();
  mpmc_tail_ = published_tail_;
  // At most a quarter of the ring (at most 256 pushes) waits unpublished: every
  // publication takes the line of `tail` back from a consumer polling it, which on 2
  // cores of one VM costs as much as 30 pushes (batches of 32: 1.0 s for 10^8 longs
  // through 2 stages; of 256: 0.62 s, docs/performance.md). The hint keeps a slow
  // producer's items from waiting for a batch to fill.
  // Serialised producers (ordered pool) publish every push: the pool's retry record
  // counts pushed outputs, and an unpublished one would be lost with its process.
  publish_every_ = queue_.serialized_producers
                       ? 1
                       : std::clamp<std::uint64_t>(queue_.slot_count / 4, 1, 256);
  track_writer(this, true);
}

ring_writer::~ring_writer() {
  if (queue_.kind == ring_kind::spsc && !queue_.serialized_producers) publish_tail();
  track_writer(this, false);
}

bool ring_writer::try_push_raw(const void* item, std::size_t size) {
  ensure_readers();
  if (queue_.kind == ring_kind::spsc) {
    std::uint64_t tail = spsc_tail();
    if (tail - cached_head_ >= queue_.slot_count && !refresh_room(1)) return false;
    std::memcpy(queue_.slots + (tail & mask_) * queue_.stride, item, size);
    MPL_STRESS_POINT();
    advance_spsc_tail(tail + 1);  // counted when published (SPSC direct)
    return true;
  }
  std::uint64_t ticket = claim_mpmc(1, false);
  if (ticket == no_ticket) return false;
  std::memcpy(queue_.payload(ticket), item, size);
  MPL_STRESS_POINT();
  queue_.turn_of(ticket).turn.store(ticket + 1, std::memory_order_release);
  queue_.shared->not_empty.notify();
  ++stats_.items_out;
  return true;
}

std::size_t ring_writer::try_push_raw_run(const std::byte* items, std::size_t size,
                                          std::size_t count) {
  ensure_readers();
  if (queue_.kind == ring_kind::mpmc) {
    std::size_t n = 0;
    while (n < count && try_push_raw(items + n * size, size)) ++n;
    return n;
  }
  std::uint64_t tail = spsc_tail();
  if (count == 0 || (tail - cached_head_ >= queue_.slot_count && !refresh_room(1))) return 0;
  std::size_t n = static_cast<std::size_t>(
      std::min<std::uint64_t>(count, queue_.slot_count - (tail - cached_head_)));
  queue_.copy_run_in(tail, items, size, n);
  MPL_STRESS_POINT();
  queue_.shared->tail_hint.store(tail + n, std::memory_order_release);
  publish_tail();  // counts them
  return n;
}

void ring_writer::push_mpmc_direct(const void* item, std::size_t size) {
  std::uint64_t ticket = claim_mpmc(1, true);
  std::memcpy(queue_.payload(ticket), item, size);
  MPL_STRESS_POINT();
  queue_.turn_of(ticket).turn.store(ticket + 1, std::memory_order_release);
  queue_.shared->not_empty.notify();
}

std::uint32_t ring_writer::chunks_for(std::size_t size) {
  return static_cast<std::uint32_t>(std::max<std::size_t>(
      1, (size + chunk_payload_bytes - 1) / chunk_payload_bytes));
}

bool ring_writer::refresh_room(std::uint64_t chunks) {
  MPL_STRESS_POINT();
  cached_head_ = queue_.shared->head.load(std::memory_order_acquire);
  std::uint64_t used = spsc_tail() - cached_head_;
  raise_high_water(queue_.shared->high_water, used);
  return used + chunks <= queue_.slot_count;
}

bool ring_writer::mpmc_room_at(std::uint64_t ticket, std::uint64_t chunks) const {
  for (std::uint64_t j = 0; j < chunks; ++j)
    if (queue_.turn_of(ticket + j).turn.load(std::memory_order_acquire) != ticket + j) return false;
  return true;
}

void ring_writer::wait_for_room(std::uint64_t chunks) {
  ensure_readers();
  chunks = std::min(chunks, queue_.slot_count);
  if (queue_.kind == ring_kind::spsc) {
    if (spsc_tail() + chunks - cached_head_ <= queue_.slot_count || refresh_room(chunks)) return;
    publish_tail();  // the consumer must see everything before this process waits
    // The last consumer leaving wakes us too: a full ring nobody reads is a broken pipe.
    block_until(queue_.shared->not_full, [&] { return refresh_room(chunks) || queue_.broken(); },
                stats_, wait_kind::output);
    ensure_readers();
    return;
  }
  auto room = [&] {
    return mpmc_room_at(queue_.shared->tail.load(std::memory_order_relaxed), chunks);
  };
  if (room()) return;
  raise_high_water(queue_.shared->high_water, queue_.slot_count);
  block_until(queue_.shared->not_full, [&] { return room() || queue_.broken(); }, stats_, wait_kind::output,
              chunks == 1 ? wait_for::any_unit : wait_for::own_condition);
  ensure_readers();
}

// Reserves `chunks` consecutive tickets once the first min(chunks, ring) slots are free:
// a producer never owns a ticket it cannot write yet (except an item longer than the
// ring, which must stream).
std::uint64_t ring_writer::claim_mpmc(std::uint64_t chunks, bool blocking) {
  std::uint64_t needed = std::min(chunks, queue_.slot_count);
  if (queue_.producer_count == 1) {
    // The only producer owns the tail: no CAS. The shared tail is still stored (for the
    // consumers' end-of-stream check, which reads it after this process's closed flag).
    std::uint64_t ticket = mpmc_tail_;
    if (!mpmc_room_at(ticket, needed)) {
      if (!blocking) return no_ticket;
      wait_for_room(needed);
    }
    MPL_STRESS_POINT();
    mpmc_tail_ = ticket + chunks;
    queue_.shared->tail.store(mpmc_tail_, std::memory_order_relaxed);
    // Look ahead: consumers free slots in ticket order as a rule, so the next pushes
    // usually find a run of free slots that need no further check.
    std::uint64_t limit = mpmc_tail_ + std::min<std::uint64_t>(queue_.slot_count, 64);
    known_free_ = mpmc_tail_;
    // A sole consumer frees slots in ticket order, each with a release store: the last
    // one free means all before it are (one look instead of 64 lines read, then written;
    // that scan was a sixth of the producer's time with 1 producer and 1 consumer).
    if (queue_.consumer_count == 1 &&
        queue_.turn_of(limit - 1).turn.load(std::memory_order_acquire) == limit - 1)
      known_free_ = limit;
    while (known_free_ < limit &&
           queue_.turn_of(known_free_).turn.load(std::memory_order_acquire) == known_free_)
      ++known_free_;
    // The consumers' head lags their claims by a batch at most: a fair occupancy sample.
    raise_high_water(queue_.shared->high_water, mpmc_tail_ - queue_.shared->head.load(std::memory_order_relaxed));
    return ticket;
  }
  std::uint64_t ticket = queue_.shared->tail.load(std::memory_order_relaxed);
  for (;;) {
    auto ahead = static_cast<std::int64_t>(
        queue_.turn_of(ticket).turn.load(std::memory_order_acquire) - ticket);
    if (ahead > 0) {  // another producer took this ticket
      ticket = queue_.shared->tail.load(std::memory_order_relaxed);
      continue;
    }
    if (ahead == 0 && mpmc_room_at(ticket, needed)) {
      MPL_STRESS_POINT();
      if (queue_.shared->tail.compare_exchange_weak(ticket, ticket + chunks,
                                                    std::memory_order_relaxed)) {
        // Room left while others sleep: pass the wake on (futex.hpp). At the tail as it
        // is now, not just behind this claim: another producer may have taken that slot,
        // and the baton's taker relies on someone looking again.
        if (queue_.shared->not_full.sleepers.load(std::memory_order_relaxed) != 0 &&
            mpmc_room_at(queue_.shared->tail.load(std::memory_order_relaxed), 1))
          queue_.shared->not_full.notify();
        return ticket;
      }
      continue;
    }
    if (!blocking) return no_ticket;
    wait_for_room(needed);
    MPL_STRESS_POINT();
    ticket = queue_.shared->tail.load(std::memory_order_relaxed);
  }
}

void ring_writer::item_bytes::copy(std::size_t offset, std::size_t count, std::byte* to) const {
  if (offset < head_size) {
    std::size_t piece = std::min(count, head_size - offset);
    std::memcpy(to, head + offset, piece);
    to += piece;
    count -= piece;
    offset = head_size;
  }
  if (count) std::memcpy(to, body + (offset - head_size), count);
}

void ring_writer::write_chunks(std::uint64_t first_ticket, const item_bytes& item,
                               std::uint32_t chunks) {
  for (std::uint32_t j = 0; j < chunks; ++j) {
    std::uint64_t ticket = first_ticket + j;
    if (queue_.kind == ring_kind::spsc) {
      if (spsc_tail() - cached_head_ >= queue_.slot_count) wait_for_room(1);
      MPL_STRESS_POINT();
    } else if (queue_.turn_of(ticket).turn.load(std::memory_order_acquire) != ticket) {
      // Only an item longer than the ring gets here: wait for the consumer to free it.
      block_until(queue_.shared->not_full,
                  [&] {
                    return queue_.turn_of(ticket).turn.load(std::memory_order_acquire) == ticket ||
                           queue_.broken();
                  },
                  stats_, wait_kind::output, wait_for::own_condition);
      ensure_readers();
    }
    write_chunk(first_ticket, j, item, chunks);
  }
  ++stats_.items_out;
}

void ring_writer::write_chunk(std::uint64_t first_ticket, std::uint32_t j, const item_bytes& item,
                              std::uint32_t chunks) {
  std::size_t size = item.size();
  std::uint64_t ticket = first_ticket + j;
  std::size_t offset = std::size_t{j} * chunk_payload_bytes;
  chunk_header header{j == 0 ? chunks : 0,
                      static_cast<std::uint32_t>(std::min(chunk_payload_bytes, size - offset))};
  std::byte* payload = queue_.payload(ticket);
  std::memcpy(payload, &header, sizeof header);
  if (header.bytes) item.copy(offset, header.bytes, payload + sizeof header);
  MPL_STRESS_POINT();
  if (queue_.kind == ring_kind::spsc) {
    advance_spsc_tail();
  } else {
    queue_.turn_of(ticket).turn.store(ticket + 1, std::memory_order_release);
    queue_.shared->not_empty.notify();
  }
}

void ring_writer::push_bytes(const std::byte* data, std::size_t size) {
  push_item(item_bytes{data, size});
}

void ring_writer::push_two_pieces(const std::byte* head, std::size_t head_size,
                                  const std::byte* body, std::size_t body_size) {
  push_item(item_bytes{head, head_size, body, body_size});
}

void ring_writer::push_item(const item_bytes& item) {
  ensure_readers();
  std::uint32_t chunks = chunks_for(item.size());
  std::uint64_t first;
  // An item longer than the ring streams: it starts as soon as a slot is free (waiting for
  // a ring's worth would make its consumer drain the ring and sleep before every item).
  if (queue_.kind == ring_kind::spsc) {
    first = spsc_tail();
    wait_for_room(chunks > queue_.slot_count ? 1 : chunks);
  } else {
    first = claim_mpmc(chunks, true);
  }
  write_chunks(first, item, chunks);
}

bool ring_writer::push_bytes_without_waiting(const std::byte* data, std::size_t size,
                                             stream_progress& progress) {
  ensure_readers();
  std::uint32_t chunks = chunks_for(size);
  if (chunks <= queue_.slot_count) return try_push_bytes(data, size);
  if (progress.next_chunk == 0) {  // claim the item's tickets once room for a ring's worth is there
    if (queue_.kind == ring_kind::spsc) {
      if (spsc_tail() - cached_head_ >= queue_.slot_count && !refresh_room(1)) return false;
      progress.first_ticket = spsc_tail();
    } else if ((progress.first_ticket = claim_mpmc(chunks, false)) == no_ticket) {
      return false;
    }
  }
  for (; progress.next_chunk < chunks; ++progress.next_chunk) {
    std::uint32_t j = progress.next_chunk;
    std::uint64_t ticket = progress.first_ticket + j;
    if (queue_.kind == ring_kind::spsc) {
      if (spsc_tail() - cached_head_ >= queue_.slot_count && !refresh_room(1)) return false;
    } else if (queue_.turn_of(ticket).turn.load(std::memory_order_acquire) != ticket) {
      return false;
    }
    write_chunk(progress.first_ticket, j, item_bytes{data, size}, chunks);
  }
  if (queue_.kind == ring_kind::spsc) publish_tail();
  ++stats_.items_out;
  progress = {};
  return true;
}

bool ring_writer::try_push_bytes(const std::byte* data, std::size_t size) {
  ensure_readers();
  std::uint32_t chunks = chunks_for(size);
  if (chunks > queue_.slot_count) {
    push_bytes(data, size);
    return true;
  }
  std::uint64_t first = spsc_tail();
  if (queue_.kind == ring_kind::spsc) {
    if (first + chunks - cached_head_ > queue_.slot_count && !refresh_room(chunks)) return false;
  } else if ((first = claim_mpmc(chunks, false)) == no_ticket) {
    return false;
  }
  write_chunks(first, item_bytes{data, size}, chunks);
  return true;
}

void ring_writer::close() {
  if (closed_) return;
  closed_ = true;
  if (queue_.kind == ring_kind::spsc && !queue_.serialized_producers) {
    publish_tail();
    refresh_room(0);  // samples the occupancy with the head as it is now, not as last cached
  }
  MPL_STRESS_POINT();
  queue_.closed[producer_slot_].store(1, std::memory_order_seq_cst);
  queue_.shared->not_empty.notify_all();  // every consumer may be waiting for the end
}

}  // namespace mpl::detail
