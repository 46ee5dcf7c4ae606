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

bool pool_worker::next_batch(const std::vector<output_base*>& outputs) {
  (void)outputs;
  if (!resumed_) {
    resumed_ = true;
    // A predecessor in this worker slot died: finish its batch first.
    std::uint32_t items = record_.items.load(), done = record_.done.load();
    if (done < items) {
      first_seq_ = record_.first_seq.load();
      items_ = items;
      processed_ = done_ = done;
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
      processed_ = done_ = 0;
      skip_outputs_ = 0;
      stats_.items_in += claimed;
      return true;
    }
    if (ring_reader::mpmc_drained(input_)) return false;
  }
}

void pool_worker::commit_ready(const std::vector<output_base*>& outputs, bool wait_for_turn) {
  bool committed = false;
  while (!uncommitted_.empty()) {
    if (ordered_ && !wait_for_turn &&
        pool_.commit_turn.load(std::memory_order_acquire) != first_seq_ + done_)
      break;  // keep working; commit when the turn comes
    commit_oldest(outputs);
    committed = true;
  }
  // One wake-up per run of commits, not per item: this worker's items are consecutive,
  // so nobody else's turn comes before the run ends.
  if (committed) {
    input_.shared->not_full.notify();
    if (ordered_) pool_.turn_changed.notify();
  }
}

void pool_worker::commit_oldest(const std::vector<output_base*>& outputs) {
  uncommitted_item item = uncommitted_.front();
  std::uint64_t seq = first_seq_ + done_;
  if (ordered_) {
    auto my_turn = [&] { return pool_.commit_turn.load(std::memory_order_acquire) == seq; };
    if (!my_turn()) block_until(pool_.turn_changed, my_turn, stats_.blocked_out_ns);
  }
  commit_marks marks{&record_.in_queue_op, &record_.flushed, skip_outputs_};
  for (auto* output : outputs) output->commit_oldest_item(marks);
  skip_outputs_ = 0;
  {
    queue_op_section section(record_);
    if (ordered_) pool_.commit_turn.store(seq + 1, std::memory_order_release);
    if (!item.streamed) ring_reader::release_mpmc(input_, item.ticket, item.chunks, false);
    record_.next_ticket.store(item.ticket + item.chunks, std::memory_order_relaxed);
    record_.flushed.store(0, std::memory_order_relaxed);
    record_.streaming.store(0, std::memory_order_relaxed);
    record_.done.store(++done_, std::memory_order_relaxed);
  }
  uncommitted_.pop_front();
}

}  // namespace mpl::detail
