#pragma once
// The producing end of a ring, as one process sees it.
//
// SPSC: the producer keeps its tail in the queue's hint line (its own: the consumer
// reads it only before it sleeps) and a cached copy of the consumer's head, and reads
// the shared head only when the cached copy says the ring is full — so in the steady
// state a push touches only the slot and the hint.
// MPMC: a producer reserves tickets with a CAS on the shared tail once the slots are
// free (so it never holds a ticket while waiting), writes, then hands each slot over by
// bumping its turn counter.
#include "mpl/blocking.hpp"
#include "mpl/stress.hpp"
#include "mpl/queue_layout.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <type_traits>

namespace mpl::detail {

class ring_writer {
public:
  ring_writer(const queue_view& queue, std::uint32_t producer_slot, process_stats& stats);
  ring_writer(const ring_writer&) = delete;
  ring_writer& operator=(const ring_writer&) = delete;

  // The SPSC case with room is the hot path of every pipeline: kept small enough to
  // inline into the stage's loop; everything else is out of line.
  template <class T> [[gnu::always_inline]] void push_direct(const T& item) {
    ensure_readers();
    // Locals: the slot store below could alias the members (a long aliases uint64_t).
    std::uint64_t tail = spsc_tail();
    if (tail < room_end_) [[likely]] {
      queue_shared* shared = queue_.shared;
      std::uint64_t publish_at = published_tail_ + publish_every_;
      // Take the line of the slots a few lines ahead from the consumer now, without a
      // store: x86 commits stores in order, so each push's stores otherwise wait in the
      // store buffer behind the slot store that waits for its line (docs/performance.md).
      constexpr std::uint64_t per_line = sizeof(T) >= 64 ? 1 : std::bit_floor(64 / sizeof(T));
      if ((tail & (per_line - 1)) == 0 && tail + prefetch_lines_ahead * per_line < room_end_)
        __builtin_prefetch(queue_.slots + ((tail + prefetch_lines_ahead * per_line) & mask_) * sizeof(T), 1);
      std::memcpy(queue_.slots + (tail & mask_) * sizeof(T), &item, sizeof(T));
      MPL_STRESS_POINT();
      shared->tail_hint.store(++tail, std::memory_order_release);
      detail::notifier_barrier();
      if (tail >= publish_at || shared->not_empty.sleepers.load(std::memory_order_relaxed) != 0)
          [[unlikely]]
        publish_tail_out_of_line();
      return;
    }
    push_direct_slow<T>(item);
  }

  // SPSC: pushes as many of `items` as fit now (at least one once wait_for_room(1)
  // returned) and publishes them together.
  template <class T> std::size_t push_direct_run(const T* items, std::size_t count) {
    return try_push_raw_run(reinterpret_cast<const std::byte*>(items), sizeof(T), count);
  }

  template <class T> [[nodiscard]] bool try_push_direct(const T& item) {
    ensure_readers();
    if (queue_.kind == ring_kind::spsc) {
      if (spsc_tail() - cached_head_ >= queue_.slot_count && !refresh_room(1)) return false;
      push_direct(item);
      return true;
    }
    std::uint64_t ticket = claim_mpmc(1, false);
    if (ticket == no_ticket) return false;
    std::memcpy(queue_.payload(ticket), &item, sizeof(T));
    MPL_STRESS_POINT();
    queue_.turn_of(ticket).turn.store(ticket + 1, std::memory_order_release);
    queue_.shared->not_empty.notify();
    ++stats_.items_out;
    return true;
  }

  // SPSC: makes every pushed item visible at `tail` (batched pushes are otherwise only
  // visible through tail_hint). Called before blocking anywhere, on close, and every
  // publish_every_ pushes.
  // Direct items are counted here, from the tail, rather than one by one.
  void publish_tail() {
    std::uint64_t tail = spsc_tail();
    if (published_tail_ == tail) return;
    if (queue_.direct) {
      stats_.items_out += tail - counted_tail_;
      counted_tail_ = tail;
    }
    MPL_STRESS_POINT();
    queue_.shared->tail.store(tail, std::memory_order_release);
    published_tail_ = tail;
    queue_.shared->not_empty.notify();
  }
  // Serialised SPSC producers (ordered pool): called once this process holds the turn.
  // Continues after everything visible, including what a previous holder that died made
  // visible only through the hint (the tail); `tail` is stored again on the next
  // publication.
  void take_turn() {
    if (!queue_.serialized_producers) return;
    published_tail_ = queue_.shared->tail.load(std::memory_order_acquire);
    counted_tail_ = queue_.shared->tail_hint.load(std::memory_order_acquire);
    room_end_ = 0;  // cached_head_ may be from an earlier turn
  }
  std::uint64_t visible_tail() const { return spsc_tail(); }  // after take_turn

  // An encoded item, streamed as chunks (an item longer than the ring streams through
  // it while the consumer reads). try_ returns false when the item's chunks do not fit
  // now; an item longer than the whole ring cannot fit at once, so it is pushed anyway.
  void push_bytes(const std::byte* data, std::size_t size);
  // The same for an item encoded as a short head (its length) and a body where it lies
  // (a big vector's elements): each chunk is copied from the two, never joined first.
  void push_two_pieces(const std::byte* head, std::size_t head_size, const std::byte* body,
                       std::size_t body_size);
  // SPSC: an item encoded straight into the next free slot (waits for one): where its
  // bytes go and how many fit (`room`); commit_in_place publishes the item of `size`
  // bytes written there. An item that does not fit is pushed with push_bytes instead.
  std::byte* begin_in_place(std::size_t& room) {
    ensure_readers();
    if (spsc_tail() - cached_head_ >= queue_.slot_count) wait_for_room(1);
    room = chunk_payload_bytes;
    return queue_.slots + (spsc_tail() & mask_) * queue_.stride + sizeof(chunk_header);
  }
  void commit_in_place(std::size_t size) {
    chunk_header header{1, static_cast<std::uint32_t>(size)};
    std::memcpy(queue_.slots + (spsc_tail() & mask_) * queue_.stride, &header, sizeof header);
    MPL_STRESS_POINT();
    advance_spsc_tail();
    ++stats_.items_out;
  }
  [[nodiscard]] bool try_push_bytes(const std::byte* data, std::size_t size);

  // A direct item of `size` bytes whose type the caller does not know (the MPI bridge);
  // false when there is no room now.
  [[nodiscard]] bool try_push_raw(const void* item, std::size_t size);
  // Without waiting, as many of `count` direct items (back to back at `items`) as there
  // is room for; how many.
  [[nodiscard]] std::size_t try_push_raw_run(const std::byte* items, std::size_t size,
                                             std::size_t count);

  // An encoded item pushed without ever waiting (the MPI bridge, which must keep serving
  // its other queues): true once the whole item is in. An item longer than the ring goes
  // in as room frees; until then this returns false and `progress` says where to go on
  // (the same data, with the same progress, on the next call).
  struct stream_progress {
    std::uint64_t first_ticket = 0;
    std::uint32_t next_chunk = 0;  // 0: not started
  };
  [[nodiscard]] bool push_bytes_without_waiting(const std::byte* data, std::size_t size,
                                                stream_progress& progress);

  // Blocks until `chunks` slots (at most the ring) are free for this producer. The pool
  // uses it so that the push that follows does not block.
  void wait_for_room(std::uint64_t chunks);
  static std::uint32_t chunks_for(std::size_t size);

  // Throws broken_queue once every consumer of the queue has finished.
  void ensure_readers() const {
    if (queue_.broken()) [[unlikely]] throw_broken_queue(queue_.name);
  }
  bool has_readers() const { return !queue_.broken(); }

  void close();  // idempotent: this process is done with the queue
  bool closed() const { return closed_; }
  const queue_view& queue() const { return queue_; }

  ~ring_writer();

private:
  static constexpr std::uint64_t no_ticket = ~std::uint64_t{0};
  // SPSC direct: lines of slots taken ahead of the pushes (push_direct). 8 lines of
  // longs: 10^8 through 2 stages 0.57 -> 0.38 s with the tail kept in the hint; 2, 4,
  // 16, 32 lines were slower (docs/performance.md).
  static constexpr std::uint64_t prefetch_lines_ahead = 8;
  // SPSC: the tail is the hint, stored by this process only (the ordered pool's
  // serialised producers pass it on with their commit turn), so it is in its cache: one
  // store per push instead of a member and the hint, each of which waited behind the
  // slot's store.
  std::uint64_t spsc_tail() const { return queue_.shared->tail_hint.load(std::memory_order_relaxed); }
  // SPSC, after writing the slot at the tail: the hint on every push (a store to a line
  // the consumer rarely reads), `tail` every publish_every_ pushes or when the consumer
  // sleeps. The notifier barrier orders the hint store before the sleepers load (the
  // Dekker pair with a consumer going to sleep, see futex.hpp).
  void advance_spsc_tail() { advance_spsc_tail(spsc_tail() + 1); }
  void advance_spsc_tail(std::uint64_t tail) {
    queue_.shared->tail_hint.store(tail, std::memory_order_release);
    detail::notifier_barrier();
    if (tail - published_tail_ >= publish_every_ ||
        queue_.shared->not_empty.sleepers.load(std::memory_order_relaxed) != 0) [[unlikely]]
      publish_tail_out_of_line();
  }
  // By value for small items: a reference would make the caller's loop variable live in
  // memory, loaded and stored on every iteration of the hot loop.
  template <class T>
  [[gnu::noinline]] void push_direct_slow(std::conditional_t<(sizeof(T) <= 16), T, const T&> item) {
    if (queue_.kind == ring_kind::spsc) {
      wait_for_room(1);
      room_end_ = cached_head_ + queue_.slot_count;
      std::uint64_t tail = spsc_tail();
      std::memcpy(queue_.slots + (tail & mask_) * sizeof(T), &item, sizeof(T));
      MPL_STRESS_POINT();
      advance_spsc_tail(tail + 1);
      return;
    } else if (mpmc_tail_ < known_free_) {
      // The only producer of an MPMC ring, within slots it already saw free.
      std::uint64_t ticket = mpmc_tail_++;
      std::memcpy(queue_.payload(ticket), &item, sizeof(T));
      MPL_STRESS_POINT();
      queue_.shared->tail.store(mpmc_tail_, std::memory_order_relaxed);
      queue_.turn_of(ticket).turn.store(ticket + 1, std::memory_order_release);
      queue_.shared->not_empty.notify();
    } else {
      push_mpmc_direct(&item, sizeof(T));
    }
    ++stats_.items_out;
  }
  void push_mpmc_direct(const void* item, std::size_t size);
  [[gnu::noinline]] void publish_tail_out_of_line() { publish_tail(); }
  bool refresh_room(std::uint64_t chunks);
  bool mpmc_room_at(std::uint64_t ticket, std::uint64_t chunks) const;
  std::uint64_t claim_mpmc(std::uint64_t chunks, bool blocking);
  // An item's bytes: `head` then `body` (often empty).
  struct item_bytes {
    const std::byte* head;
    std::size_t head_size;
    const std::byte* body = nullptr;
    std::size_t body_size = 0;
    std::size_t size() const { return head_size + body_size; }
    void copy(std::size_t offset, std::size_t count, std::byte* to) const;
  };
  void push_item(const item_bytes& item);
  // Chunk j of the item whose first chunk is at first_ticket, once its slot is free:
  // writes it and hands it to the consumers.
  void write_chunk(std::uint64_t first_ticket, std::uint32_t j, const item_bytes& item,
                   std::uint32_t chunks);
  void write_chunks(std::uint64_t first_ticket, const item_bytes& item, std::uint32_t chunks);

  queue_view queue_;
  std::uint64_t mask_;
  std::uint32_t producer_slot_;
  process_stats& stats_;
  std::uint64_t mpmc_tail_ = 0;    // MPMC with one producer: this producer's tail
  std::uint64_t cached_head_ = 0;  // SPSC: last head read from the consumer's line
  std::uint64_t published_tail_ = 0;  // SPSC: last value stored to the shared tail
  std::uint64_t counted_tail_ = 0;    // SPSC direct: items up to here are in items_out
  // SPSC direct: pushes below this find room without looking (cached_head_ + slots); 0
  // for MPMC (never fast).
  std::uint64_t room_end_ = 0;
  std::uint64_t publish_every_ = 1;
  // MPMC with one producer: tickets below this were seen free (turn == ticket), so a
  // push needs no check; only this process writes them.
  std::uint64_t known_free_ = 0;
  bool closed_ = false;
};

}  // namespace mpl::detail
