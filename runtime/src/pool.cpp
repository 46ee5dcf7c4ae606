#include "mpl/pool.hpp"
#include "mpl/report.hpp"

#include <stdexcept>

namespace mpl::detail {


namespace {
// The batch [seq, seq+items) at [first, end) becomes the worker's record.
void set_batch(worker_record& record, std::uint64_t seq, std::uint32_t items, std::uint64_t first,
               std::uint64_t end) {
  record.first_seq.store(seq, std::memory_order_relaxed);
  record.next_ticket.store(first, std::memory_order_relaxed);
  record.end_ticket.store(end, std::memory_order_relaxed);
  record.done.store(0, std::memory_order_relaxed);
  record.flushed.store(0, std::memory_order_relaxed);
  record.items.store(items, std::memory_order_relaxed);
}

// The returned range the journal names becomes what the journal says it holds.
void set_returned_range(pool_shared& pool) {
  const claim_journal& journal = pool.journal;
  returned_range& range = pool.returned[journal.slot.load(std::memory_order_relaxed)];
  range.seq.store(journal.range_seq.load(std::memory_order_relaxed), std::memory_order_relaxed);
  range.first_ticket.store(journal.range_first.load(std::memory_order_relaxed), std::memory_order_relaxed);
  range.end_ticket.store(journal.range_end.load(std::memory_order_relaxed), std::memory_order_relaxed);
  range.items.store(journal.range_items.load(std::memory_order_relaxed), std::memory_order_relaxed);
  std::uint32_t in_use = 0;
  for (const returned_range& entry : pool.returned) in_use += entry.items.load(std::memory_order_relaxed) != 0;
  pool.returned_count.store(in_use, std::memory_order_release);
}

// Applies the journal: every store is absolute, so replaying a change that was partly
// applied (its worker died holding the lock) completes it.
void apply_journal(pool_shared& pool, worker_record* records, queue_shared& ring) {
  claim_journal& journal = pool.journal;
  worker_record& record = records[journal.worker.load(std::memory_order_relaxed)];
  std::uint64_t seq = journal.seq.load(std::memory_order_relaxed);
  std::uint32_t items = journal.items.load(std::memory_order_relaxed);
  std::uint64_t first = journal.first_ticket.load(std::memory_order_relaxed);
  std::uint64_t end = journal.end_ticket.load(std::memory_order_relaxed);
  switch (journal.kind.load(std::memory_order_relaxed)) {
  case journal_kind::claim_head:
    set_batch(record, seq, items, first, end);
    ring.head.store(end, std::memory_order_release);
    pool.next_seq.store(seq + items, std::memory_order_relaxed);
    break;
  case journal_kind::take_returned:
    set_batch(record, seq, items, first, end);
    set_returned_range(pool);
    break;
  case journal_kind::give_back:
    record.items.store(items, std::memory_order_relaxed);  // what the worker keeps
    record.end_ticket.store(end, std::memory_order_relaxed);
    set_returned_range(pool);
    break;
  }
  std::atomic_signal_fence(std::memory_order_seq_cst);
  journal.active.store(0, std::memory_order_release);
}

// Records a change in the journal, then applies it (the claim lock is held).
struct journal_entry {
  journal_kind kind;
  std::uint32_t worker, items;
  std::uint64_t seq, first, end;
  std::uint32_t slot = 0, range_items = 0;
  std::uint64_t range_seq = 0, range_first = 0, range_end = 0;
};
void journal_and_apply(pool_shared& pool, worker_record* records, queue_shared& ring, const journal_entry& e) {
  claim_journal& journal = pool.journal;
  journal.kind.store(e.kind, std::memory_order_relaxed);
  journal.worker.store(e.worker, std::memory_order_relaxed);
  journal.items.store(e.items, std::memory_order_relaxed);
  journal.seq.store(e.seq, std::memory_order_relaxed);
  journal.first_ticket.store(e.first, std::memory_order_relaxed);
  journal.end_ticket.store(e.end, std::memory_order_relaxed);
  journal.slot.store(e.slot, std::memory_order_relaxed);
  journal.range_items.store(e.range_items, std::memory_order_relaxed);
  journal.range_seq.store(e.range_seq, std::memory_order_relaxed);
  journal.range_first.store(e.range_first, std::memory_order_relaxed);
  journal.range_end.store(e.range_end, std::memory_order_relaxed);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  journal.active.store(1, std::memory_order_release);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  apply_journal(pool, records, ring);
}

// The ticket `count` items after `ticket` (items of several chunks say how many).
std::uint64_t ticket_after(const queue_view& input, std::uint64_t ticket, std::uint32_t count) {
  for (std::uint32_t i = 0; i < count; ++i) ticket += input.item_chunks_at(ticket);
  return ticket;
}

// Takes the claim lock; a claim its previous holder left half done is completed first.
void lock_claims(pool_shared& pool, worker_record* records, queue_shared& ring) {
  if (pool.claim_lock.lock() && pool.journal.active.load(std::memory_order_acquire))
    apply_journal(pool, records, ring);
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
    auto turn = input.turn_of(ticket).turn;
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
      redoing_ = true;
      return true;
    }
  }
  queue_shared& ring = *input_.shared;
  auto item_at_head = [&] {
    std::uint64_t head = ring.head.load(std::memory_order_acquire);
    return input_.turn_of(head).turn.load(std::memory_order_acquire) == head + 1;
  };
  auto returned = [&] { return pool_.returned_count.load(std::memory_order_acquire) != 0; };
  auto drained = [&] { return ring_reader::mpmc_drained(input_) && !returned(); };
  for (;;) {
    if (!item_at_head() && !drained() && !returned()) {
      pool_.hungry.store(1, std::memory_order_relaxed);
      block_until(ring.not_empty, [&] { return item_at_head() || returned() || drained(); },
                  stats_, wait_kind::input);
    }
    lock_claims(pool_, records_, ring);
    std::uint32_t limit = std::min(batch_limit_, max_batch_);
    bool claimed = take_returned(limit) || claim_at_head(limit);
    pool_.claim_lock.unlock();
    if (claimed) {
      // A wake this worker took may have been meant for the items behind its batch too.
      if (ring.not_empty.sleepers.load(std::memory_order_relaxed) != 0 && item_at_head()) ring.not_empty.notify();
      processed_ = 0;
      skip_outputs_ = 0;
      redoing_ = false;
      stats_.items_in += items_;
      return true;
    }
    if (!drained()) continue;
    // The input has ended, but a batch elsewhere may still be split: wait for it while
    // some worker has items it has not started, so that the last slow items of a
    // stream are spread too.
    if (!others_hold_unstarted()) return false;
    pool_.hungry.store(1, std::memory_order_relaxed);
    block_until(ring.not_empty, [&] { return returned() || !others_hold_unstarted(); }, stats_,
                wait_kind::input, wait_for::own_condition);
  }
}

// Under the claim lock: the lowest returned range first (an ordered pool's turn may be
// waiting for it), at most `limit` of its items.
bool pool_worker::take_returned(std::uint32_t limit) {
  if (!pool_.returned_count.load(std::memory_order_relaxed)) return false;
  std::uint32_t best = max_returned_ranges;
  for (std::uint32_t i = 0; i < max_returned_ranges; ++i)
    if (pool_.returned[i].items.load(std::memory_order_relaxed) &&
        (best == max_returned_ranges ||
         pool_.returned[i].seq.load(std::memory_order_relaxed) < pool_.returned[best].seq.load(std::memory_order_relaxed)))
      best = i;
  if (best == max_returned_ranges) return false;
  returned_range& range = pool_.returned[best];
  std::uint32_t available = range.items.load(std::memory_order_relaxed);
  std::uint32_t taken = std::min(available, limit);
  std::uint64_t seq = range.seq.load(std::memory_order_relaxed);
  std::uint64_t first = range.first_ticket.load(std::memory_order_relaxed);
  std::uint64_t range_end = range.end_ticket.load(std::memory_order_relaxed);
  std::uint64_t end = taken == available ? range_end : ticket_after(input_, first, taken);
  journal_and_apply(pool_, records_, *input_.shared,
                    {journal_kind::take_returned, worker_, taken, seq, first, end, best, available - taken,
                     seq + taken, end, range_end});
  first_seq_ = seq;
  read_ticket_ = first;
  items_ = taken;
  return true;
}

// Under the claim lock: already-written items at the ring's head (a slow producer's item
// is never held back waiting for a batch to fill).
bool pool_worker::claim_at_head(std::uint32_t limit) {
  queue_shared& ring = *input_.shared;
  std::uint32_t claimed = 0;
  std::uint64_t first = ring.head.load(std::memory_order_acquire), next = first;
  while (claimed < limit && input_.turn_of(next).turn.load(std::memory_order_acquire) == next + 1) {
    std::uint64_t chunks = input_.item_chunks_at(next);
    next += chunks;
    ++claimed;
    if (chunks > input_.slot_count) break;
  }
  if (!claimed) return false;
  std::uint64_t seq = pool_.next_seq.load(std::memory_order_relaxed);
  journal_and_apply(pool_, records_, ring, {journal_kind::claim_head, worker_, claimed, seq, first, next});
  first_seq_ = seq;
  read_ticket_ = first;
  items_ = claimed;
  return true;
}

void pool_worker::give_back(std::uint32_t count) {
  // A batch redone after a death may already have outputs pushed for all its items
  // (its predecessor died committing): they are skipped by count, so it must stay whole.
  if (count == 0 || redoing_ || record_.streaming.load(std::memory_order_relaxed)) return;
  queue_shared& ring = *input_.shared;
  lock_claims(pool_, records_, ring);
  std::uint32_t slot = max_returned_ranges;
  for (std::uint32_t i = 0; i < max_returned_ranges && slot == max_returned_ranges; ++i)
    if (!pool_.returned[i].items.load(std::memory_order_relaxed)) slot = i;
  if (slot != max_returned_ranges) {
    std::uint32_t keep = items_ - count;
    std::uint64_t split = ticket_after(input_, read_ticket_, keep - processed_);
    std::uint64_t batch_end = record_.end_ticket.load(std::memory_order_relaxed);
    journal_and_apply(pool_, records_, ring,
                      {journal_kind::give_back, worker_, keep, first_seq_, record_.next_ticket.load(), split, slot,
                       count, first_seq_ + keep, split, batch_end});
    items_ = keep;
    stats_.items_in -= count;
  }
  pool_.hungry.store(0, std::memory_order_relaxed);
  pool_.claim_lock.unlock();
  if (slot != max_returned_ranges) ring.not_empty.wake_all();
}

// Whether another worker holds at least two items it has not started (read without
// the lock: a stale answer only costs a wake-up).
bool pool_worker::others_hold_unstarted() const {
  for (std::uint32_t w = 0; w < worker_count_; ++w) {
    if (w == worker_) continue;
    const worker_record& other = records_[w];
    std::uint64_t current = other.current_seq.load(std::memory_order_relaxed);
    if (current == no_item) continue;
    std::uint64_t end = other.first_seq.load(std::memory_order_relaxed) + other.items.load(std::memory_order_relaxed);
    if (end > current + 2) return true;
  }
  return false;
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
    if (!my_turn()) block_until(pool_.turn_changed, my_turn, stats_, wait_kind::output, wait_for::own_condition);
  }
  commit_marks marks{&record_.in_queue_op, &record_.flushed, skip_outputs_, 0,
                     &record_.out_base, &record_.out_base_seq, first_seq_};
  for (auto* output : outputs) output->commit_captured(marks);
  skip_outputs_ = 0;
  record_.committing.store(1, std::memory_order_relaxed);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  finish_commit(pool_, record_, input_, ordered_, false);
  input_.shared->not_full.notify();
  // An idle worker waiting for this batch to be split learns that it was not.
  if (pool_.hungry.load(std::memory_order_relaxed)) input_.shared->not_empty.wake_all();
  if (ordered_) pool_.turn_changed.notify();
}

// Time-bounded batches: aim for batch_target_ns per batch from the cost of this
// worker's last batch; grow at most twofold (a cheap item may be followed by slow
// ones), shrink at once.
void pool_worker::adapt_batch(std::uint64_t elapsed_ns, std::uint64_t slowest_ns) {
  if (slowest_ns >= batch_target_ns) {  // one slow item: the next may be slow too
    batch_limit_ = 1;
    return;
  }
  std::uint64_t per_item = std::max<std::uint64_t>(1, elapsed_ns / std::max<std::uint32_t>(1, items_));
  std::uint64_t fitting = std::max<std::uint64_t>(1, batch_target_ns / per_item);
  batch_limit_ = static_cast<std::uint32_t>(
      std::min<std::uint64_t>({fitting, std::uint64_t{batch_limit_} * 2, max_batch_}));
}

void pool_worker::item_failed(std::uint64_t seq, const std::string& reason) {
  std::uint32_t failures = count_item_failure(record_, seq);
  std::string who = fmt::format("pool '{}' worker {} (pid {}){}", pool_name_, index_ < 0 ? int(worker_) : index_,
                                getpid(), where_);
  std::string item = fmt::format("item {}{}", seq, rank_share_ ? " of those this rank received" : "");
  if (failures > static_cast<std::uint32_t>(retry_))
    throw retries_exhausted(fmt::format("{} failed {} times (retry {}); last attempt {}", item,
                                         failures, retry_, reason));
  report("warning: {}: {} {}; retrying it (retry {} of {})\n", who, item, reason, failures, retry_);
  if (trace_events) trace_events->push(monotonic_ns(), trace_retry, static_cast<std::uint32_t>(seq));
}

}  // namespace mpl::detail
