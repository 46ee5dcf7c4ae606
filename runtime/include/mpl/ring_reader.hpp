#pragma once
// The consuming end of a ring, as one process sees it (mirror of ring_writer.hpp).
// MPMC consumers claim a whole item (all of its chunks) with one CAS on the shared head,
// so the pieces of one item never go to two consumers.
#include "mpl/blocking.hpp"
#include "mpl/byte_buffer.hpp"
#include "mpl/stress.hpp"
#include "mpl/queue_layout.hpp"

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
  // stage's loop; waiting and MPMC are out of line.
  template <class T> [[gnu::always_inline]] pop_status pop_direct(T& out, bool blocking) {
    if (queue_.kind == ring_kind::spsc && head_ != cached_tail_) [[likely]] {
      std::memcpy(&out, queue_.slots + (head_ & mask_) * sizeof(T), sizeof(T));
      // Batched: the producer reads head only when its cached copy says "full", so
      // publishing every few pops halves the cache-line ping-pong when it polls.
      if (++head_ - published_head_ >= publish_every_) [[unlikely]] publish_head_out_of_line();
      ++stats_.items_in;
      return pop_status::item;
    }
    return pop_direct_slow(out, blocking);
  }

  // An encoded item: its bytes replace `bytes`.
  pop_status pop_bytes(byte_buffer& bytes, bool blocking);

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
    return queue_.kind == ring_kind::spsc ? head_ - 1 : last_ticket_;
  }
  ~ring_reader();
  // SPSC: make every consumed slot visible to the producer (before blocking anywhere).
  void publish_head() {
    MPL_STRESS_POINT();
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
      pop_status status = wait_for_data(blocking);
      if (status != pop_status::item) return status;
      std::memcpy(&out, queue_.slots + (head_ & mask_) * sizeof(T), sizeof(T));
      if (++head_ - published_head_ >= publish_every_) publish_head();
      ++stats_.items_in;
      return pop_status::item;
    }
    return pop_mpmc_direct(&out, sizeof(T), blocking);
  }
  [[gnu::noinline]] void publish_head_out_of_line() { publish_head(); }
  pop_status wait_for_data(bool blocking);  // SPSC: refresh the cached tail
  pop_status pop_mpmc_direct(void* out, std::size_t size, bool blocking);
  void release_unreleased();
  bool refresh_tail();  // SPSC: from the published tail
  bool refresh_hint();  // SPSC: from the producer's per-push hint (batched tail not yet published)
  pop_status claim_mpmc(std::uint64_t& ticket, bool blocking);
  void sample_occupancy(std::uint64_t used) { if (used > high_water_) high_water_ = used; }

  queue_view queue_;
  std::uint64_t mask_;
  process_stats& stats_;
  std::uint64_t head_ = 0;         // SPSC, and MPMC with one consumer: this consumer's head
  std::uint64_t cached_tail_ = 0;  // SPSC: last tail read from the producer's line
  std::uint64_t published_head_ = 0;
  std::uint64_t publish_every_ = 1;
  std::uint64_t high_water_ = 0;
  std::uint64_t last_ticket_ = 0;  // MPMC: the ticket of the item popped last
  // MPMC with one consumer: popped slots not yet freed, and how many to free at once
  // (more while producers sleep).
  std::uint64_t unreleased_from_ = 0, unreleased_to_ = 0, release_every_ = 1;
  std::uint64_t hold_while_sleepers_ = 1;
};

}  // namespace mpl::detail
