#include "mpl/ring_reader.hpp"

#include "mpl/codec.hpp"
#include "mpl/ring_writer.hpp"
#include "mpl/stress.hpp"

#include <algorithm>
#include <stdexcept>

namespace mpl::detail {

namespace {
// The readers of this process: a process about to sleep on any queue first publishes
// every batched SPSC head and frees every slot an MPMC reader still holds, so a producer
// never waits for room that only this process knows is free (that could deadlock
// across two queues).
std::vector<ring_reader*> live_readers;
// Likewise the SPSC writers: a consumer would find their batched items through the
// tail hint anyway, but only after spinning; publishing first is cheaper.
std::vector<ring_writer*> live_writers;
}  // namespace

void publish_all_pending() {
  for (ring_reader* reader : live_readers)
    reader->publish_consumed();
  for (ring_writer* writer : live_writers)
    if (writer->queue().kind == ring_kind::spsc && !writer->queue().serialized_producers)
      writer->publish_tail();
}

void track_writer(ring_writer* writer, bool live) {
  if (live) live_writers.push_back(writer);
  else live_writers.erase(std::find(live_writers.begin(), live_writers.end(), writer));
}

ring_reader::ring_reader(const queue_view& queue, process_stats& stats)
    : queue_(queue), mask_(queue.slot_count - 1), stats_(stats) {
  MPL_STRESS_POINT();
  head_ = cached_tail_ = published_head_ = queue_.shared->head.load();
  // At most a quarter of the ring (at most 64 pops) waits unpublished, so the producer
  // rarely sees "full"; 64 rather than 32: 0.58 s instead of 0.61 s for 10^8 longs.
  publish_every_ = std::clamp<std::uint64_t>(queue_.slot_count / 4, 1, 64);
  // The only consumer of an MPMC ring frees slots in runs of an eighth of the ring (at
  // least a cache line, at most 64 slots, at most a quarter of the ring): the producer
  // then writes where the consumer finished long ago instead of taking each line back
  // as soon as it is freed (1 producer, 1 consumer: 0.77 s -> 0.53 s for 3·10^7 longs).
  if (queue_.kind == ring_kind::mpmc && queue_.direct) {
    std::uint64_t line = std::max<std::uint64_t>(64 / queue_.stride, 1);
    release_every_ = std::min(std::clamp<std::uint64_t>(queue_.slot_count / 8, line, 64),
                              std::max<std::uint64_t>(queue_.slot_count / 4, 1));
  }
  hold_while_sleepers_ = std::clamp<std::uint64_t>(queue_.slot_count / 2, release_every_, 64);
  live_readers.push_back(this);
}

void ring_reader::publish_consumed() {
  if (queue_.kind == ring_kind::spsc) publish_head();
  else release_unreleased();
}

ring_reader::~ring_reader() {
  publish_consumed();
  live_readers.erase(std::find(live_readers.begin(), live_readers.end(), this));
}

void ring_reader::publish_high_water() { raise_high_water(queue_.shared->high_water, high_water_); }

bool ring_reader::refresh_tail() {
  MPL_STRESS_POINT();
  // Never backwards: the hint may already have taken this consumer past `tail`.
  std::uint64_t tail = queue_.shared->tail.load(std::memory_order_acquire);
  if (tail > cached_tail_) cached_tail_ = tail;
  return cached_tail_ != head_;
}

bool ring_reader::refresh_hint() {
  MPL_STRESS_POINT();
  std::uint64_t hint = queue_.shared->tail_hint.load(std::memory_order_acquire);
  if (hint > cached_tail_) cached_tail_ = hint;
  return cached_tail_ != head_;
}

// The producer publishes `tail` in batches; what it pushed since is visible through the
// hint. A waiting consumer polls only `tail` while it spins and through its first
// yields, and reads the hint after that, and always once registered to sleep (the
// Dekker pair with the producer's hint store, futex.hpp): a slow producer's
// item waits at most the spin and a few yields (microseconds). Reading the hint sooner
// made a consumer that keeps up with its producer take the line of the slot being
// written, and the hint's, every few items: the 2-stage pipeline ran at 1.0 s instead
// of 0.62 s for 10^8 longs (docs/performance.md).
constexpr int yields_before_hint = 4;

// After the spin: past the first yields, or registered to sleep — block_until yields only
// while nobody sleeps on the point, and a registered waiter counts itself.
bool ring_reader::hint_due(int polls) const {
  return polls > spin_rounds &&
         (polls > spin_rounds + yields_before_hint ||
          queue_.shared->not_empty.sleepers.load(std::memory_order_relaxed) != 0);
}

pop_status ring_reader::wait_for_data(bool blocking) {
  if (refresh_tail() || (!blocking && refresh_hint())) {
    sample_occupancy(cached_tail_ - head_);
    return pop_status::item;
  }
  publish_head();  // about to wait: the producer may be waiting for these slots
  if (blocking) {
    int polls = 0;
    block_until(queue_.shared->not_empty,
                [&] {
                  return refresh_tail() || (hint_due(++polls) && refresh_hint()) ||
                         queue_.all_producers_closed();
                },
                stats_, wait_kind::input);
  } else if (!queue_.all_producers_closed()) {
    return pop_status::empty;
  }
  // Every producer closed after its last push, so one more look is final (the hint too:
  // a producer that exited without closing may not have published its last batch).
  if (cached_tail_ != head_ || refresh_tail() || refresh_hint()) {
    sample_occupancy(cached_tail_ - head_);
    return pop_status::item;
  }
  return pop_status::end;
}

bool ring_reader::next_chunk_of_item() {
  --chunks_after_;
  if (++head_ - published_head_ >= publish_every_) publish_head();
  // Mid-item the producer is still writing, or failed (then the supervisor ends the run).
  if (head_ != cached_tail_ || wait_for_data(true) == pop_status::item) return true;
  in_place_ = false;
  chunks_after_ = 0;
  return false;
}

const std::byte* ring_reader::next_chunk(std::size_t& bytes, std::size_t& later) {
  if (!in_place_ || chunks_after_ == 0) return nullptr;
  if (!next_chunk_of_item())
    throw std::runtime_error("mpl: the queue ended in the middle of an item");
  const std::byte* payload = queue_.slots + (head_ & mask_) * queue_.stride;
  chunk_header header;
  std::memcpy(&header, payload, sizeof header);
  bytes = header.bytes;
  later = chunks_after_ * chunk_payload_bytes;
  return payload + sizeof header;
}

// What a decoder left unread (a throw, or a user codec that reads less than it wrote).
void ring_reader::skip_rest_of_item() {
  while (chunks_after_ != 0 && next_chunk_of_item()) {
  }
}

void ring_reader::finish_mpmc_pop(std::uint64_t ticket) {
  MPL_STRESS_POINT();
  if (queue_.consumer_count == 1) {
    // The only consumer frees its slots in runs (release_every_, see the constructor);
    // the slots still held are freed before this process waits (claim_mpmc) or leaves.
    // While producers sleep it frees them half a ring at a time (at most 64): the
    // producer woken then pushes several items for its one wake (a sleep and a wake per
    // item was most of the cost of a crowd of producers on a tiny ring, futex.hpp).
    if (unreleased_from_ == unreleased_to_) unreleased_from_ = ticket;
    unreleased_to_ = ticket + 1;
    std::uint64_t held = unreleased_to_ - unreleased_from_;
    if (held >= release_every_ &&
        (held >= hold_while_sleepers_ ||
         queue_.shared->not_full.sleepers.load(std::memory_order_relaxed) == 0))
      release_unreleased();
    return;
  }
  ++stats_.items_in;
  last_ticket_ = ticket;
  queue_.turn_of(ticket).turn.store(ticket + queue_.slot_count, std::memory_order_release);
  queue_.shared->not_full.notify();
}

void ring_reader::release_unreleased() {
  if (unreleased_from_ == unreleased_to_) return;
  MPL_STRESS_POINT();
  // The only consumer's head (take_written_head), before the slots behind it are free;
  // its items are counted here rather than one by one.
  queue_.shared->head.store(head_, std::memory_order_relaxed);
  // The slots in use up to now, this run included (its pops never sample).
  sample_occupancy(queue_.shared->tail.load(std::memory_order_relaxed) - unreleased_from_);
  stats_.items_in += unreleased_to_ - unreleased_from_;
  last_ticket_ = unreleased_to_ - 1;
  release_mpmc(queue_, unreleased_from_, unreleased_to_ - unreleased_from_);
  unreleased_from_ = unreleased_to_;
}

bool ring_reader::mpmc_drained(const queue_view& queue) {
  return queue.all_producers_closed() &&
         queue.shared->head.load(std::memory_order_acquire) >=
             queue.shared->tail.load(std::memory_order_acquire);
}

// Claims the item at the shared head: all of its chunks, with one CAS (the only consumer:
// at its own head, take_written_head).
pop_status ring_reader::claim_mpmc(std::uint64_t& ticket, bool blocking) {
  const bool sole = queue_.consumer_count == 1;
  std::uint64_t head = queue_.shared->head.load(std::memory_order_relaxed);
  for (;;) {
    if (sole) {
      if (take_written_head(ticket)) return pop_status::item;
      head = head_;
      queue_.shared->head.store(head, std::memory_order_relaxed);  // exact for the checks below
    } else {
      auto ahead = static_cast<std::int64_t>(
          queue_.turn_of(head).turn.load(std::memory_order_acquire) - (head + 1));
      if (ahead == 0) {
        std::uint64_t chunks = queue_.item_chunks_at(head);
        MPL_STRESS_POINT();
        if (queue_.shared->head.compare_exchange_weak(head, head + chunks, std::memory_order_relaxed)) {
          ticket = head;
          // Another item ready while others sleep: pass the wake on (futex.hpp). At the
          // head as it is now, not just behind this item: another consumer may have
          // claimed that one, and the baton's taker relies on someone looking again.
          if (queue_.shared->not_empty.sleepers.load(std::memory_order_relaxed) != 0) {
            std::uint64_t next = queue_.shared->head.load(std::memory_order_relaxed);
            if (queue_.turn_of(next).turn.load(std::memory_order_acquire) == next + 1)
              queue_.shared->not_empty.notify();
          }
          return pop_status::item;
        }
        continue;
      }
      if (ahead > 0) {  // another consumer claimed it
        head = queue_.shared->head.load(std::memory_order_relaxed);
        continue;
      }
    }
    // Nothing written at the head yet.
    release_unreleased();  // the producer may be waiting for them
    std::uint64_t tail = queue_.shared->tail.load(std::memory_order_relaxed);
    sample_occupancy(tail > head ? tail - head : 0);
    if (mpmc_drained(queue_)) return pop_status::end;
    if (!blocking) return pop_status::empty;
    std::uint64_t seen = head;
    block_until(queue_.shared->not_empty,
                [&] {
                  std::uint64_t now = queue_.shared->head.load(std::memory_order_relaxed);
                  return now != seen ||
                         queue_.turn_of(now).turn.load(std::memory_order_acquire) == now + 1 ||
                         mpmc_drained(queue_);
                },
                stats_, wait_kind::input);
    MPL_STRESS_POINT();
    head = queue_.shared->head.load(std::memory_order_relaxed);
  }
}

void ring_reader::release_mpmc(const queue_view& queue, std::uint64_t ticket, std::uint64_t chunks,
                               bool notify) {
  for (std::uint64_t j = 0; j < chunks; ++j)
    queue.turn_of(ticket + j).turn.store(ticket + j + queue.slot_count, std::memory_order_release);
  if (notify) queue.shared->not_full.notify();
}

std::uint32_t ring_reader::copy_mpmc_item(const queue_view& queue, std::uint64_t ticket,
                                          byte_buffer& bytes, bool release,
                                          process_stats& stats) {
  bytes.clear();
  std::uint32_t chunks = 1;
  for (std::uint32_t j = 0; j < chunks; ++j) {
    std::uint64_t at = ticket + j;
    auto written = [&] { return queue.turn_of(at).turn.load(std::memory_order_acquire) == at + 1; };
    if (!written()) block_until(queue.shared->not_empty, written, stats, wait_kind::input, wait_for::own_condition);
    chunk_header header;
    const std::byte* payload = queue.payload(at);
    std::memcpy(&header, payload, sizeof header);
    if (j == 0) {
      chunks = header.item_chunks;
      bytes.reserve(std::size_t{chunks} * chunk_payload_bytes);
    }
    bytes.append(payload + sizeof header, header.bytes);
    if (release) release_mpmc(queue, at, 1);
  }
  return chunks;
}

pop_status ring_reader::pop_raw(void* out, std::size_t size, bool blocking) {
  if (queue_.kind == ring_kind::mpmc) {
    std::uint64_t ticket;
    pop_status status = claim_mpmc(ticket, blocking);
    if (status != pop_status::item) return status;
    std::memcpy(out, queue_.payload(ticket), size);
    finish_mpmc_pop(ticket);
    return pop_status::item;
  }
  if (head_ == cached_tail_) {
    pop_status status = wait_for_data(blocking);
    if (status != pop_status::item) return status;
  }
  std::memcpy(out, queue_.slots + (head_ & mask_) * queue_.stride, size);
  if (++head_ - published_head_ >= publish_every_) publish_head();  // counts it (SPSC direct)
  return pop_status::item;
}

std::size_t ring_reader::pop_raw_run(std::byte* out, std::size_t size, std::size_t max, pop_status& status) {
  status = pop_status::item;
  if (max == 0) return 0;
  if (queue_.kind == ring_kind::mpmc) {
    std::size_t n = 0;
    while (n < max && (status = pop_raw(out + n * size, size, false)) == pop_status::item) ++n;
    if (n) status = pop_status::item;
    return n;
  }
  if (head_ == cached_tail_) {
    status = wait_for_data(false);
    if (status != pop_status::item) return 0;
  }
  std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(max, cached_tail_ - head_));
  queue_.copy_run_out(head_, out, size, n);
  head_ += n;
  publish_head();  // counts them
  return n;
}

pop_status ring_reader::pop_bytes(byte_buffer& bytes, bool blocking) {
  if (queue_.kind == ring_kind::mpmc) {
    std::uint64_t ticket;
    pop_status status = claim_mpmc(ticket, blocking);
    if (status != pop_status::item) return status;
    // Before the slots are freed: the only consumer's head (take_written_head).
    if (queue_.consumer_count == 1) queue_.shared->head.store(head_, std::memory_order_relaxed);
    copy_mpmc_item(queue_, ticket, bytes, true, stats_);
    ++stats_.items_in;
    return pop_status::item;
  }
  bytes.clear();
  std::uint32_t chunks = 1;
  for (std::uint32_t j = 0; j < chunks; ++j) {
    if (head_ == cached_tail_) {
      // Mid-item the producer is still writing: wait even for try_pop.
      pop_status status = wait_for_data(blocking || j > 0);
      if (status != pop_status::item) return status;
    }
    chunk_header header;
    const std::byte* payload = queue_.slots + (head_ & mask_) * queue_.stride;
    std::memcpy(&header, payload, sizeof header);
    if (j == 0) {
      chunks = header.item_chunks;
      bytes.reserve(std::size_t{chunks} * chunk_payload_bytes);
    }
    bytes.append(payload + sizeof header, header.bytes);
    if (++head_ - published_head_ >= publish_every_) publish_head();
  }
  ++stats_.items_in;
  return pop_status::item;
}

}  // namespace mpl::detail

