#pragma once
// The consuming end of a ring, as one process sees it (mirror of ring_writer.hpp).
// MPMC consumers claim a whole item (all of its chunks) with one CAS on the shared head,
// so the pieces of one item never go to two consumers.
#include "mpl/blocking.hpp"
#include "mpl/byte_io.hpp"
#include "mpl/stress.hpp"
#include "mpl/queue_layout.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace mpl::detail {

enum class pop_status { item, empty, end };

class ring_reader {
public:
  ring_reader(const queue_view& queue, process_stats& stats);
  ring_reader(const ring_reader&) = delete;
  ring_reader& operator=(const ring_reader&) = delete;

  // The SPSC case with an item at hand is the hot path: small enough to inline into the
  // stage's loop (one compare, the slot's load and the head's store per item); waiting,
  // publishing and MPMC are out of line.
  template <class T> [[gnu::always_inline]] pop_status pop_direct(T& out, bool blocking) {
    std::uint64_t head = head_;
    if (head < fast_end_) [[likely]] {
      std::memcpy(&out, queue_.slots + (head & mask_) * sizeof(T), sizeof(T));
      head_ = head + 1;
      return pop_status::item;
    }
    return pop_direct_slow(out, blocking);
  }

  // An encoded item: its bytes replace `bytes`.
  pop_status pop_bytes(byte_buffer& bytes, bool blocking);
  // A direct item of `size` bytes whose type the caller does not know (the MPI bridge).
  pop_status pop_raw(void* out, std::size_t size, bool blocking);
  // Without waiting, up to `max` direct items that are ready, copied back to back into
  // `out`; how many (0: see `status`, empty or end). SPSC rings copy whole runs.
  std::size_t pop_raw_run(std::byte* out, std::size_t size, std::size_t max, pop_status& status);
  // The same without copying an SPSC item: `data` then points into its first chunk's
  // slot, which stays this consumer's until finish_in_place() (call it once decoded, and
  // before any other operation on this process's queues); otherwise into `bytes`. Read
  // the item through item_reader(data, size): the rest of a longer item is read from its
  // next chunks as they arrive.
  pop_status pop_bytes_in_place(byte_buffer& bytes, const std::byte*& data, std::size_t& size,
                                bool blocking) {
    if (queue_.kind == ring_kind::spsc) {
      if (head_ == cached_tail_ && !refresh_tail()) {
        pop_status status = wait_for_data(blocking);
        if (status != pop_status::item) return status;
      }
      const std::byte* payload = queue_.slots + (head_ & mask_) * queue_.stride;
      chunk_header header;
      std::memcpy(&header, payload, sizeof header);
      data = payload + sizeof header;
      size = header.bytes;
      in_place_ = true;
      chunks_after_ = header.item_chunks - 1;
      return pop_status::item;
    }
    pop_status status = pop_bytes(bytes, blocking);  // copied out (MPMC: claims whole items)
    data = bytes.data();
    size = bytes.size();
    return status;
  }
  byte_reader item_reader(const std::byte* data, std::size_t size) {
    if (!in_place_ || chunks_after_ == 0) return byte_reader(data, size);
    return byte_reader(chunk_source_, data, size, chunks_after_ * chunk_payload_bytes);
  }
  void finish_in_place() {
    if (chunks_after_ != 0) skip_rest_of_item();
    if (!in_place_) return;
    in_place_ = false;
    ++stats_.items_in;
    if (++head_ - published_head_ >= publish_every_) publish_head();
  }

  // Copies the chunks of the item whose first chunk is `ticket` of an MPMC ring into
  // `bytes`, waiting for chunks still being written; frees the slots when `release`.
  // Returns the item's chunk count. Used by pop_bytes and by the pool.
  static std::uint32_t copy_mpmc_item(const queue_view& queue, std::uint64_t ticket,
                                      byte_buffer& bytes, bool release,
                                      process_stats& stats);
  // Frees `chunks` slots starting at `ticket` of an MPMC ring (the pool frees an item's
  // slots only when its outputs are committed).
  static void release_mpmc(const queue_view& queue, std::uint64_t ticket, std::uint64_t chunks,
                           bool notify = true);
  // True when every producer closed and nothing is left to claim.
  static bool mpmc_drained(const queue_view& queue);

  const queue_view& queue() const { return queue_; }
  process_stats& stats() { return stats_; }
  // The input position of the item popped last (counting every producer's items from
  // 0), for failure reports; unknown_position for encoded items (tickets count chunks).
  static constexpr std::uint64_t unknown_position = ~std::uint64_t{0};
  std::uint64_t last_position() const {
    if (!queue_.direct) return unknown_position;
    if (queue_.kind == ring_kind::spsc) return head_ - 1;
    return unreleased_to_ != unreleased_from_ ? unreleased_to_ - 1 : last_ticket_;
  }
  ~ring_reader();
  // SPSC: make every consumed slot visible to the producer (before blocking anywhere).
  // Direct items are counted here, from the head, rather than one by one.
  void publish_head() {
    MPL_STRESS_POINT();
    if (queue_.direct) stats_.items_in += head_ - published_head_;
    queue_.shared->head.store(head_, std::memory_order_release);
    published_head_ = head_;
    queue_.shared->not_full.notify();
  }
  void publish_high_water();
  // Everything consumed becomes free for the producers (before blocking anywhere).
  void publish_consumed();

private:
  template <class T> [[gnu::noinline]] pop_status pop_direct_slow(T& out, bool blocking) {
    if (queue_.kind == ring_kind::spsc) {
      if (head_ - published_head_ >= publish_every_) publish_head();
      if (head_ == cached_tail_) {
        pop_status status = wait_for_data(blocking);
        if (status != pop_status::item) return status;
      }
      renew_fast_end();
      std::memcpy(&out, queue_.slots + (head_ & mask_) * sizeof(T), sizeof(T));
      ++head_;
      return pop_status::item;
    }
    std::uint64_t ticket;
    if (take_written_head(ticket)) {
      // The only consumer, with the item at its head written: no call at all.
      std::memcpy(&out, queue_.payload(ticket), sizeof(T));
      if (!hold_sole_mpmc_slot(ticket)) finish_mpmc_pop(ticket);
      return pop_status::item;
    }
    pop_status status = claim_mpmc(ticket, blocking);
    if (status != pop_status::item) return status;
    // Here, where the size is a constant: a libc memcpy call cost more than the copy.
    std::memcpy(&out, queue_.payload(ticket), sizeof(T));
    finish_mpmc_pop(ticket);
    return pop_status::item;
  }
  // MPMC: the only consumer owns the head (head_), so when the item at its head is
  // written it takes it without a CAS. The shared head, which producers read for their
  // occupancy samples and this consumer for the end of the stream, is stored when slots
  // are freed and before every end check or wait (claim_mpmc): per item it was a store
  // to a line the producer reads.
  bool take_written_head(std::uint64_t& ticket) {
    std::uint64_t head = head_;
    if (queue_.consumer_count != 1 ||
        queue_.turn_of(head).turn.load(std::memory_order_acquire) != head + 1)
      return false;
    MPL_STRESS_POINT();
    head_ = head + queue_.item_chunks_at(head);
    ticket = head;
    return true;
  }
  // The sole consumer of an MPMC ring, after taking the item at `ticket`: adds its slot
  // to the run not freed yet (counted when freed), unless the run is due to be freed
  // (then false: finish_mpmc_pop does it all).
  bool hold_sole_mpmc_slot(std::uint64_t ticket) {
    if (unreleased_to_ != ticket || unreleased_to_ - unreleased_from_ + 1 >= release_every_)
      return false;
    unreleased_to_ = ticket + 1;
    return true;
  }
  // SPSC: pops below fast_end_ need no check: the items are there (cached_tail_) and
  // the head's next publication is not due (published_head_ + publish_every_).
  void renew_fast_end() {
    fast_end_ = std::min(cached_tail_, published_head_ + publish_every_);
  }
  [[gnu::noinline]] void publish_head_out_of_line() { publish_head(); }
  pop_status wait_for_data(bool blocking);  // SPSC: refresh the cached tail
  // SPSC, reading an item in place: moves on to its next chunk (waiting for it) and
  // returns its bytes, or null after the last. skip_rest_of_item moves on to the last.
  // A queue that ends mid-item (its producer failed) leaves nothing in place.
  const std::byte* next_chunk(std::size_t& bytes, std::size_t& later);
  bool next_chunk_of_item();
  void skip_rest_of_item();
  // MPMC, after copying the item at `ticket`: counts it and frees its slot (a sole
  // consumer frees its slots in runs).
  void finish_mpmc_pop(std::uint64_t ticket);
  void release_unreleased();
  bool refresh_tail();  // SPSC: from the published tail
  bool refresh_hint();  // SPSC: from the producer's per-push hint (batched tail not yet published)
  bool hint_due(int polls) const;  // SPSC, waiting: time to read the hint (wait_for_data)
  pop_status claim_mpmc(std::uint64_t& ticket, bool blocking);
  void sample_occupancy(std::uint64_t used) { if (used > high_water_) high_water_ = used; }

  queue_view queue_;
  std::uint64_t mask_;
  process_stats& stats_;
  std::uint64_t head_ = 0;         // SPSC, and MPMC with one consumer: this consumer's head
  std::uint64_t cached_tail_ = 0;  // SPSC: last tail read from the producer's line
  std::uint64_t published_head_ = 0;
  std::uint64_t publish_every_ = 1;
  std::uint64_t fast_end_ = 0;  // SPSC direct: see renew_fast_end; 0 elsewhere (never fast)
  bool in_place_ = false;  // the item at head_ is being decoded from its slot
  std::uint64_t chunks_after_ = 0;  // ... and this many chunks of it follow
  std::uint64_t high_water_ = 0;
  std::uint64_t last_ticket_ = 0;  // MPMC: the ticket of the item popped last
  // MPMC with one consumer: popped slots not yet freed (their items not yet counted in
  // items_in), and how many to free at once (more while producers sleep).
  std::uint64_t unreleased_from_ = 0, unreleased_to_ = 0, release_every_ = 1;
  std::uint64_t hold_while_sleepers_ = 1;
  // Last: a member with a vtable must not move the hot ones.
  struct chunk_source final : region_source {
    explicit chunk_source(ring_reader& reader) : reader(reader) {}
    const std::byte* next_region(std::size_t& bytes, std::size_t& later) override {
      return reader.next_chunk(bytes, later);
    }
    ring_reader& reader;
  } chunk_source_{*this};
};

}  // namespace mpl::detail
