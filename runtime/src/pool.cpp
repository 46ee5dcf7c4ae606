#include "mpl/pool.hpp"

#include <mutex>

namespace mpl::detail {

namespace {
// Marks the record while shared state is half updated; the supervisor refuses to retry
// a worker that died inside such a section.
class queue_op_section {
public:
  explicit queue_op_section(worker_record& record) : record_(record) {
    record_.in_queue_op.store(1, std::memory_order_relaxed);
    std::atomic_signal_fence(std::memory_order_seq_cst);
  }
  ~queue_op_section() {
    std::atomic_signal_fence(std::memory_order_seq_cst);
    record_.in_queue_op.store(0, std::memory_order_relaxed);
  }

private:
  worker_record& record_;
};
}  // namespace

bool pool_worker::next_batch() {
  uncommitted_.clear();
  if (!resumed_) {
    resumed_ = true;
    // A predecessor in this worker slot died: redo its batch (its slots are still
    // claimed), skipping the outputs it already pushed.
    std::uint32_t items = record_.items.load(), done = record_.done.load();
    if (done < items) {
      first_seq_ = record_.first_seq.load();
      items_ = items;
      processed_ = 0;
      read_ticket_ = record_.next_ticket.load();
      skip_outputs_ = record_.flushed.load();
      return true;
    }
  }
  queue_shared& ring = *input_.shared;
  auto item_at_head = [&] {
    std::uint64_t head = ring.head.load(std::memory_order_acquire);
    return input_.turn_of(head).turn.load(std::memory_order_acquire) == head + 1;
  };
  for (;;) {
    if (!item_at_head() && !ring_reader::mpmc_drained(input_))
      block_until(ring.not_empty, [&] { return item_at_head() || ring_reader::mpmc_drained(input_); },
                  stats_.blocked_in_ns);
    std::uint32_t claimed = 0;
    {
      std::lock_guard lock(pool_.claim_lock);
      queue_op_section section(record_);
      std::uint64_t first = ring.head.load(std::memory_order_acquire), next = first;
      // Only items already written: a slow producer's item is never held back.
      while (claimed < max_batch_ &&
             input_.turn_of(next).turn.load(std::memory_order_acquire) == next + 1) {
        std::uint64_t chunks = 1;
        if (!input_.direct) {
          chunk_header header;
          std::memcpy(&header, input_.payload(next), sizeof header);
          chunks = header.item_chunks;
        }
        next += chunks;
        ++claimed;
        if (chunks > input_.slot_count) break;
      }
      if (claimed) {
        std::uint64_t seq = pool_.next_seq.load(std::memory_order_relaxed);
        pool_.next_seq.store(seq + claimed, std::memory_order_relaxed);
        record_.first_seq.store(seq, std::memory_order_relaxed);
        record_.next_ticket.store(first, std::memory_order_relaxed);
        record_.done.store(0, std::memory_order_relaxed);
        record_.flushed.store(0, std::memory_order_relaxed);
        record_.attempts.store(0, std::memory_order_relaxed);
        record_.items.store(claimed, std::memory_order_relaxed);
        ring.head.store(next, std::memory_order_release);
        first_seq_ = seq;
        read_ticket_ = first;
      }
    }
    if (claimed) {
      items_ = claimed;
      processed_ = 0;
      skip_outputs_ = 0;
      stats_.items_in += claimed;
      return true;
    }
    if (ring_reader::mpmc_drained(input_)) return false;
  }
}

// One commit per batch: (ordered) wait for the batch's turn, push every captured
// output, then in one short section hand the turn on, free the batch's input slots and
// mark the batch done. `flushed` counts the outputs pushed so far, so a replacement
// worker redoing the batch skips exactly those.
void pool_worker::commit_batch(const std::vector<output_base*>& outputs) {
  if (ordered_) {
    auto my_turn = [&] { return pool_.commit_turn.load(std::memory_order_acquire) == first_seq_; };
    if (!my_turn()) block_until(pool_.turn_changed, my_turn, stats_.blocked_out_ns);
  }
  commit_marks marks{&record_.in_queue_op, &record_.flushed, skip_outputs_};
  for (auto* output : outputs) output->commit_captured(marks);
  skip_outputs_ = 0;
  {
    queue_op_section section(record_);
    for (const uncommitted_item& item : uncommitted_)
      if (!item.streamed) ring_reader::release_mpmc(input_, item.ticket, item.chunks, false);
    if (ordered_) pool_.commit_turn.store(first_seq_ + items_, std::memory_order_release);
    record_.next_ticket.store(read_ticket_, std::memory_order_relaxed);
    record_.flushed.store(0, std::memory_order_relaxed);
    record_.streaming.store(0, std::memory_order_relaxed);
    record_.done.store(items_, std::memory_order_relaxed);
  }
  uncommitted_.clear();
  input_.shared->not_full.notify();
  if (ordered_) pool_.turn_changed.notify();
}

}  // namespace mpl::detail
