#pragma once
// The driver of a managed pool: an `ordered` pool, or any pool with `retry`.
//
// Workers claim batches of ready items from the input ring under a shared lock, which
// also hands out input-order sequence numbers. A batch is sized from the measured cost
// of the worker's previous items so that it takes about batch_target_ns: a slow item is
// always claimed alone (every worker stays busy, and a retry never repeats a completed
// item), cheap items go in batches of up to max_batch. An item's input slots stay claimed (not
// freed for producers) until its outputs are committed, so (1) a replacement worker
// can re-read the items of a worker that died, and (2) the ring's capacity bounds how
// far workers run ahead of the oldest uncommitted item: the reorder window creates
// backpressure. Outputs are captured in the worker and committed a whole batch at a
// time: in input order (`ordered`: the commit waits for the batch's turn) or as soon as
// the batch is done.
// Each worker's claim and commit progress is kept in its worker_record in shared
// memory; the supervisor reads it when the worker dies. See docs/runtime.md.
#include "mpl/codec.hpp"
#include "mpl/blocking.hpp"
#include "mpl/endpoint.hpp"
#include "mpl/report.hpp"
#include "mpl/queue_layout.hpp"
#include "mpl/ring_reader.hpp"
#include "mpl/robust_mutex.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mpl::detail {

struct alignas(64) worker_record {
  std::atomic<std::uint32_t> in_queue_op{0};  // a death now would leave a queue half updated
  std::atomic<std::uint32_t> streaming{0};    // holds an item longer than the ring: no retry
  std::atomic<std::uint32_t> items{0};        // items in the claimed batch
  std::atomic<std::uint32_t> done{0};         // of which committed (0 or items: a batch commits whole)
  std::atomic<std::uint32_t> fail_count{0};   // failed attempts of the item fail_seq
  std::atomic<std::uint32_t> committing{0};   // inside finish_commit: roll it forward on death
  std::atomic<std::uint64_t> first_seq{0};    // input-order number of the batch's first item
  std::atomic<std::uint64_t> next_ticket{0};  // first chunk of the batch's first item
  std::atomic<std::uint64_t> end_ticket{0};   // one past the batch's last chunk
  std::atomic<std::uint64_t> flushed{0};      // outputs of the batch already pushed
  // Turn-taking output: its tail when this batch took the turn, valid when out_base_seq
  // is the batch's first_seq; what lies beyond it was pushed by this batch.
  std::atomic<std::uint64_t> out_base{0};
  std::atomic<std::uint64_t> out_base_seq{~std::uint64_t{0}};
  // Input position of the item whose body is running (no_item between items), so the
  // supervisor can name it and count its failures when the worker dies.
  std::atomic<std::uint64_t> current_seq{~std::uint64_t{0}};
  std::atomic<std::uint64_t> fail_seq{~std::uint64_t{0}};
};
inline constexpr std::uint64_t no_item = ~std::uint64_t{0};

// One more failed attempt of the item at input position `seq`; returns how many it has
// had. Counted per item (not per batch), by the worker for an exception and by the
// supervisor for a death.
inline std::uint32_t count_item_failure(worker_record& record, std::uint64_t seq) {
  if (record.fail_seq.load(std::memory_order_relaxed) != seq) {
    record.fail_count.store(0, std::memory_order_relaxed);
    record.fail_seq.store(seq, std::memory_order_relaxed);
  }
  std::uint32_t failures = record.fail_count.load(std::memory_order_relaxed) + 1;
  record.fail_count.store(failures, std::memory_order_relaxed);
  return failures;
}

// An item failed more often than `retry N` allows: the run fails with what() alone
// (it names the item and the last attempt's exception already).
struct retries_exhausted : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Items handed back by a worker whose batch runs long while another worker is idle
// (work splitting; docs/runtime.md, "Pools"): a run of consecutive items still claimed
// in the ring, waiting for a worker to take them. Guarded by the claim lock.
struct returned_range {
  std::atomic<std::uint32_t> items{0};  // 0: the entry is free
  std::atomic<std::uint64_t> seq{0}, first_ticket{0}, end_ticket{0};
};
inline constexpr std::uint32_t max_returned_ranges = 8;

// What a change under claim_lock does, written before it touches shared state, so that
// whoever takes the lock after its holder died can replay it whole (every store it
// makes is absolute).
enum class journal_kind : std::uint32_t {
  claim_head,     // `worker` claims [seq, seq+items) at the ring's head
  take_returned,  // `worker` takes the first `items` of returned range `slot`
  give_back,      // `worker` keeps `items` of its batch, returns the rest as range `slot`
};
struct claim_journal {
  std::atomic<std::uint32_t> active{0};
  std::atomic<journal_kind> kind{journal_kind::claim_head};
  std::atomic<std::uint32_t> worker{0};
  std::atomic<std::uint32_t> items{0};
  std::atomic<std::uint32_t> slot{0};
  std::atomic<std::uint32_t> range_items{0};  // what the range holds afterwards
  std::atomic<std::uint64_t> seq{0}, first_ticket{0}, end_ticket{0};
  std::atomic<std::uint64_t> range_seq{0}, range_first{0}, range_end{0};
};

struct pool_shared {
  robust_mutex claim_lock;
  claim_journal journal;                           // guarded by claim_lock
  returned_range returned[max_returned_ranges];    // guarded by claim_lock
  // Read without the lock: by busy workers between items (hungry) and by idle ones.
  alignas(64) std::atomic<std::uint32_t> hungry{0};          // a worker found nothing to do
  std::atomic<std::uint32_t> returned_count{0};              // entries of `returned` in use
  alignas(64) std::atomic<std::uint64_t> next_seq{0};
  alignas(64) std::atomic<std::uint64_t> commit_turn{0};  // ordered: next item to commit
  wait_point turn_changed;
};

// Called by the supervisor when a worker died, before it decides on a retry: completes
// whatever the worker left half done that can be completed (a claim, a commit). Returns
// false when the worker died inside a queue operation that cannot be repaired.
[[nodiscard]] bool repair_after_worker_death(pool_shared& pool, worker_record* records,
                                             std::uint32_t worker, const queue_view& input,
                                             bool ordered);

class pool_worker {
public:
  pool_worker(pool_shared& pool, worker_record* records, std::uint32_t worker, std::uint32_t workers,
              const queue_view& input, bool ordered, int retry, std::uint32_t max_batch,
              std::string_view pool_name, process_stats& stats)
      : pool_(pool), records_(records), worker_(worker), worker_count_(workers), record_(records[worker]),
        input_(input), ordered_(ordered), retry_(retry), max_batch_(max_batch), pool_name_(pool_name),
        stats_(stats) {}

  // Drives the body over every item this worker gets, until the input ends.
  template <class T, class Body>
  void run(const std::vector<output_base*>& outputs, Body&& body) {
    for (auto* output : outputs) output->set_capture(true);
    try {
      run_batches<T>(outputs, body);
    } catch (const broken_queue&) {
      // The workers waiting for the commit turn must learn it now, not at their timeout.
      pool_.turn_changed.wake_all();
      throw;
    }
    for (auto* output : outputs) output->set_capture(false);
  }

  // How messages name this worker: its index over every rank, " on rank R (HOST)" of a
  // distributed run, and whether input positions count only what this rank received.
  void describe_as(int index, std::string where, bool rank_share) {
    index_ = index;
    where_ = std::move(where);
    rank_share_ = rank_share;
  }

  // A batch is sized to take about this long (docs/runtime.md, "Pools").
  static constexpr std::uint64_t batch_target_ns = 200'000;

private:
  template <class T, class Body> void run_batches(const std::vector<output_base*>& outputs, Body& body) {
    while (next_batch()) {
      std::uint64_t started = monotonic_ns(), slowest = 0;
      while (processed_ < items_) {
        // Another worker is idle: hand it half of what this batch has not started.
        if (pool_.hungry.load(std::memory_order_relaxed) && items_ - processed_ >= 2) [[unlikely]]
          give_back((items_ - processed_) / 2);
        std::uint64_t seq = first_seq_ + processed_;
        T item = read_next<T>();
        record_.current_seq.store(seq, std::memory_order_relaxed);
        if (retry_ == 0) {
          run_item(outputs, body, item, seq);
          continue;
        }
        // With retry, a slow item ends its batch: the rest goes back, so that a death
        // later never repeats a slow item that completed (one clock read per item).
        std::uint64_t item_started = monotonic_ns();
        run_item(outputs, body, item, seq);
        std::uint64_t took = monotonic_ns() - item_started;
        slowest = std::max(slowest, took);
        if (took >= batch_target_ns && processed_ < items_) give_back(items_ - processed_);
      }
      record_.current_seq.store(no_item, std::memory_order_relaxed);
      adapt_batch(monotonic_ns() - started, slowest);
      commit_batch(outputs);
    }
  }

  // One item. With `retry N`, a body that throws has the outputs of that attempt
  // discarded and runs again here, up to N times for this item.
  template <class T, class Body>
  void run_item(const std::vector<output_base*>& outputs, Body& body, const T& item, std::uint64_t seq) {
    if (retry_ == 0) return body(item);
    for (;;) {
      captured_marks_.clear();
      for (auto* output : outputs) captured_marks_.push_back(output->captured_count());
      try {
        return body(item);
      } catch (const run_aborted&) {
        throw;
      } catch (const broken_queue&) {
        throw;
      } catch (...) {
        std::string reason = describe_current_exception();
        for (std::size_t o = 0; o < outputs.size(); ++o) outputs[o]->discard_captured_from(captured_marks_[o]);
        item_failed(seq, "threw " + reason);
      }
    }
  }
  // Counts a failed attempt; warns and returns when the item may run again, else throws.
  void item_failed(std::uint64_t seq, const std::string& reason);
  void adapt_batch(std::uint64_t elapsed_ns, std::uint64_t slowest_ns);
  // Returns the last `count` unstarted items of this batch for another worker to take.
  void give_back(std::uint32_t count);
  bool others_hold_unstarted() const;

  template <class T> T read_next() {
    std::uint64_t ticket = read_ticket_, chunks = 1;
    T value;
    if constexpr (direct_item<T>) {
      std::memcpy(&value, input_.payload(ticket), sizeof(T));
    } else {
      chunk_header header;
      std::memcpy(&header, input_.payload(ticket), sizeof header);
      chunks = header.item_chunks;
      bool streamed = chunks > input_.slot_count;  // cannot stay in the ring
      if (streamed) record_.streaming.store(1, std::memory_order_relaxed);
      ring_reader::copy_mpmc_item(input_, ticket, bytes_, streamed, stats_);
      byte_reader in(bytes_.data(), bytes_.size());
      value = decode<T>(in);
    }
    read_ticket_ += chunks;
    ++processed_;
    return value;
  }

  bool next_batch();
  bool take_returned(std::uint32_t limit);
  bool claim_at_head(std::uint32_t limit);
  void commit_batch(const std::vector<output_base*>& outputs);

  pool_shared& pool_;
  worker_record* records_;  // every worker's, to replay a dead worker's claim
  std::uint32_t worker_, worker_count_;
  worker_record& record_;
  queue_view input_;
  bool ordered_;
  int retry_;
  std::uint32_t max_batch_;
  std::uint32_t batch_limit_ = 1;  // adapted after each batch; the first item goes alone
  std::string_view pool_name_;
  process_stats& stats_;
  std::vector<std::size_t> captured_marks_;
  byte_buffer bytes_;
  std::uint64_t first_seq_ = 0, read_ticket_ = 0, skip_outputs_ = 0;
  std::uint32_t items_ = 0, processed_ = 0;
  bool resumed_ = false;
  bool redoing_ = false;  // the batch is a dead predecessor's, redone: never split
  int index_ = -1;        // -1: worker_
  std::string where_;
  bool rank_share_ = false;
};

}  // namespace mpl::detail
