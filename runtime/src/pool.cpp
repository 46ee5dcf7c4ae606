#include "mpl/pool.hpp"
#include "mpl/report.hpp"

#include <cxxabi.h>
#include <stdexcept>

namespace mpl::detail {

std::string describe_current_exception() {
  std::string type = "unknown exception";
  if (const std::type_info* info = abi::__cxa_current_exception_type()) {
    int status = 0;
    char* demangled = abi::__cxa_demangle(info->name(), nullptr, nullptr, &status);
    type = status == 0 && demangled ? demangled : info->name();
    std::free(demangled);
  }
  try {
    throw;
  } catch (const std::exception& error) {
    return type + ": " + error.what();
  } catch (...) {
    return type;
  }
}

namespace {
// Applies the journal's claim: the batch becomes the worker's record, the ring's head
// and the sequence numbers move past it. Every store is absolute, so replaying a claim
// that was partly applied completes it.
void apply_claim(pool_shared& pool, worker_record* records, queue_shared& ring) {
  claim_journal& journal = pool.journal;
  worker_record& record = records[journal.worker.load(std::memory_order_relaxed)];
  std::uint64_t seq = journal.seq.load(std::memory_order_relaxed);
  std::uint32_t items = journal.items.load(std::memory_order_relaxed);
  record.first_seq.store(seq, std::memory_order_relaxed);
  record.next_ticket.store(journal.first_ticket.load(std::memory_order_relaxed), std::memory_order_relaxed);
  record.end_ticket.store(journal.end_ticket.load(std::memory_order_relaxed), std::memory_order_relaxed);
  record.done.store(0, std::memory_order_relaxed);
  record.flushed.store(0, std::memory_order_relaxed);
  record.items.store(items, std::memory_order_relaxed);
  ring.head.store(journal.end_ticket.load(std::memory_order_relaxed), std::memory_order_release);
  pool.next_seq.store(seq + items, std::memory_order_relaxed);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  journal.active.store(0, std::memory_order_release);
}

// Takes the claim lock; a claim its previous holder left half done is completed first.
void lock_claims(pool_shared& pool, worker_record* records, queue_shared& ring) {
  if (pool.claim_lock.lock() && pool.journal.active.load(std::memory_order_acquire))
    apply_claim(pool, records, ring);
}

// The end of a commit: frees the batch's input slots, hands the ordered turn on and
// marks the batch done. `committing` is set first, so that the supervisor can finish a
// commit whose worker died half way; it then only frees slots still held
// (turn == ticket + 1) and moves the turn only from this batch, since producers and
// later batches may already have moved on.
void finish_commit(pool_shared& pool, worker_record& record, const queue_view& input, bool ordered,
                   bool after_death) {
  std::uint64_t first = record.next_ticket.load(std::memory_order_relaxed);
  std::uint64_t end = record.end_ticket.load(std::memory_order_relaxed);
  std::uint64_t first_seq = record.first_seq.load(std::memory_order_relaxed);
  std::uint64_t turn_after = first_seq + record.items.load(std::memory_order_relaxed);
  for (std::uint64_t ticket = first; ticket < end; ++ticket) {
    auto& turn = input.turn_of(ticket).turn;
    if (!after_death) {
      if (turn.load(std::memory_order_relaxed) == ticket + 1)  // not streamed (freed already)
        turn.store(ticket + input.slot_count, std::memory_order_release);
      continue;
    }
    std::uint64_t held = ticket + 1;
    turn.compare_exchange_strong(held, ticket + input.slot_count, std::memory_order_acq_rel);
  }
  if (ordered) {
    std::uint64_t expected = first_seq;
    pool.commit_turn.compare_exchange_strong(expected, turn_after, std::memory_order_acq_rel);
  }
  record.next_ticket.store(end, std::memory_order_relaxed);
  record.flushed.store(0, std::memory_order_relaxed);
  record.streaming.store(0, std::memory_order_relaxed);
  record.done.store(record.items.load(std::memory_order_relaxed), std::memory_order_relaxed);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  record.committing.store(0, std::memory_order_release);
}
}  // namespace

bool repair_after_worker_death(pool_shared& pool, worker_record* records, std::uint32_t worker,
                               const queue_view& input, bool ordered) {
  lock_claims(pool, records, *input.shared);  // the dead worker may have held it
  pool.claim_lock.unlock();
  worker_record& record = records[worker];
  if (record.committing.load(std::memory_order_acquire)) {
    finish_commit(pool, record, input, ordered, true);
    input.shared->not_full.wake_all();
    pool.turn_changed.wake_all();
  }
  return !record.in_queue_op.load(std::memory_order_acquire);
}

bool pool_worker::next_batch() {
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
                  stats_, wait_kind::input);
    std::uint32_t claimed = 0;
    lock_claims(pool_, records_, ring);
    std::uint64_t first = ring.head.load(std::memory_order_acquire), next = first;
    // Only items already written: a slow producer's item is never held back.
    std::uint32_t limit = std::min(batch_limit_, max_batch_);
    while (claimed < limit &&
           input_.turn_of(next).turn.load(std::memory_order_acquire) == next + 1) {
      std::uint64_t chunks = input_.item_chunks_at(next);
      next += chunks;
      ++claimed;
      if (chunks > input_.slot_count) break;
    }
    if (claimed) {
      claim_journal& journal = pool_.journal;
      first_seq_ = pool_.next_seq.load(std::memory_order_relaxed);
      read_ticket_ = first;
      journal.worker.store(worker_, std::memory_order_relaxed);
      journal.items.store(claimed, std::memory_order_relaxed);
      journal.seq.store(first_seq_, std::memory_order_relaxed);
      journal.first_ticket.store(first, std::memory_order_relaxed);
      journal.end_ticket.store(next, std::memory_order_relaxed);
      std::atomic_signal_fence(std::memory_order_seq_cst);
      journal.active.store(1, std::memory_order_release);
      std::atomic_signal_fence(std::memory_order_seq_cst);
      apply_claim(pool_, records_, ring);
    }
    pool_.claim_lock.unlock();
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
    // A worker whose output lost its readers ends without handing the turn on: the
    // others then find the output broken too (the push below throws broken_queue).
    auto my_turn = [&] {
      return pool_.commit_turn.load(std::memory_order_acquire) == first_seq_ || !outputs.front()->has_readers();
    };
    if (!my_turn()) block_until(pool_.turn_changed, my_turn, stats_, wait_kind::output);
  }
  commit_marks marks{&record_.in_queue_op, &record_.flushed, skip_outputs_, 0,
                     &record_.out_base, &record_.out_base_seq, first_seq_};
  for (auto* output : outputs) output->commit_captured(marks);
  skip_outputs_ = 0;
  record_.committing.store(1, std::memory_order_relaxed);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  finish_commit(pool_, record_, input_, ordered_, false);
  input_.shared->not_full.notify();
  if (ordered_) pool_.turn_changed.notify();
}

// Time-bounded batches: aim for batch_target_ns per batch from the cost of this
// worker's last batch; grow at most twofold (a cheap item may be followed by slow
// ones), shrink at once.
void pool_worker::adapt_batch(std::uint64_t elapsed_ns) {
  std::uint64_t per_item = std::max<std::uint64_t>(1, elapsed_ns / std::max<std::uint32_t>(1, items_));
  std::uint64_t fitting = std::max<std::uint64_t>(1, batch_target_ns / per_item);
  batch_limit_ = static_cast<std::uint32_t>(
      std::min<std::uint64_t>({fitting, std::uint64_t{batch_limit_} * 2, max_batch_}));
}

void pool_worker::item_failed(std::uint64_t seq, const std::string& reason) {
  std::uint32_t failures = count_item_failure(record_, seq);
  std::string who = fmt::format("pool '{}' worker {} (pid {})", pool_name_, worker_, getpid());
  if (failures > static_cast<std::uint32_t>(retry_))
    throw std::runtime_error(fmt::format("item {} failed {} times (retry {}); last attempt {}", seq,
                                         failures, retry_, reason));
  report("warning: {}: item {} {}; retrying it (retry {} of {})\n", who, seq, reason, failures, retry_);
  if (trace_events) trace_events->push(monotonic_ns(), trace_retry, static_cast<std::uint32_t>(seq));
}

}  // namespace mpl::detail
