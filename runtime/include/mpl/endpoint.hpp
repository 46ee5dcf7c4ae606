#pragma once
// What a stage body sees of a queue: mpl::input<T> and mpl::output<T>.
#include "mpl/codec.hpp"
#include "mpl/ring_reader.hpp"
#include "mpl/ring_writer.hpp"

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace mpl {

namespace detail {
class endpoint_base {
public:
  virtual ~endpoint_base() = default;
};

// What the pool driver needs from an output, whatever its item type: while capturing,
// push() keeps items in this process; commit pushes them once the item is done.
struct commit_marks {
  std::atomic<std::uint32_t>* in_queue_op;  // set while a push may be half done
  std::atomic<std::uint64_t>* flushed;      // outputs of the current item already pushed
  std::uint64_t skip;                       // pushed by a predecessor that died
  std::uint64_t position = 0;               // running count across the batch's outputs
  // Turn-taking output: where the batch's pushes began (see worker_record::out_base).
  std::atomic<std::uint64_t>* out_base;
  std::atomic<std::uint64_t>* out_base_seq;
  std::uint64_t batch_seq;
};

class output_base : public endpoint_base {
public:
  virtual void close() = 0;
  // While capturing, push() keeps items in this process.
  virtual void set_capture(bool on) = 0;
  // Pushes every captured item to the queue (the pool holds the commit turn).
  virtual void commit_captured(commit_marks& marks) = 0;
  // Captured items so far, and dropping those from a mark on (a retried attempt's).
  virtual std::size_t captured_count() const = 0;
  virtual void discard_captured_from(std::size_t mark) = 0;
  // True while some consumer of the queue has not finished.
  virtual bool has_readers() const = 0;
};
}  // namespace detail

template <class T> class input final : public detail::endpoint_base {
  static_assert(transferable<T>, "this item type " MPL_UNTRANSFERABLE_ADVICE);

public:
  input(const queue_view& queue, process_stats& stats) : input(queue, ~std::uint32_t{0}, stats) {}
  input(const queue_view& queue, std::uint32_t reader_slot, process_stats& stats)
      : reader_(queue, stats), queue_(queue), reader_slot_(reader_slot) {}
  input(const input&) = delete;
  input& operator=(const input&) = delete;
  ~input() override { reader_.publish_high_water(); }

  // Blocks until an item arrives; empty at end of stream.
  std::optional<T> pop() {
    std::optional<T> item;
    pop_into(item);
    return item;
  }
  // Optional: this process reads no more from the queue. When every reader has closed or
  // finished, the queue is broken and its producers end quietly at their next push (a
  // stage that gives up one input early must close it, or a producer blocked on it would
  // wait for the stage to end). Reading after close() is allowed but unwise: producers
  // may stop at any moment.
  void close() { queue_.reader_finished(reader_slot_); }
  // The input position of the item popped last (see ring_reader::last_position).
  std::uint64_t last_position() const { return reader_.last_position(); }
  // Never blocks (except to finish an item whose first chunk is already here).
  [[nodiscard]] bool try_pop(T& out) {
    if constexpr (direct_item<T>) return reader_.pop_direct(out, false) == detail::pop_status::item;
    if (reader_.pop_bytes(bytes_, false) != detail::pop_status::item) return false;
    out = decode_item();
    return true;
  }

  struct sentinel {};
  class iterator {
  public:
    explicit iterator(input* source) : source_(source) { source_->pop_into(item_); }
    T& operator*() { return *item_; }
    T* operator->() { return &*item_; }
    iterator& operator++() {
      source_->pop_into(item_);  // decodes into the previous item's storage
      return *this;
    }
    bool operator==(sentinel) const { return !item_; }

  private:
    input* source_;
    std::optional<T> item_;
  };
  // for (auto x : squares) — until end of stream.
  iterator begin() { return iterator(this); }
  sentinel end() { return {}; }

private:
  // The next item into `item` (reusing its storage), or empty at end of stream.
  void pop_into(std::optional<T>& item) {
    if constexpr (direct_item<T>) {
      T value;
      if (reader_.pop_direct(value, true) == detail::pop_status::item) item = value;
      else item.reset();
    } else {
      const std::byte* data;
      std::size_t size;
      if (reader_.pop_bytes_in_place(bytes_, data, size, true) != detail::pop_status::item) {
        item.reset();
        return;
      }
      // The item's slots are freed once it is decoded, or if decoding throws.
      struct finish {
        detail::ring_reader& reader;
        ~finish() { reader.finish_in_place(); }
      } finish_after{reader_};
      byte_reader in = reader_.item_reader(data, size);
      if constexpr (decodes_in_place<T>) {
        if (item) decode_into(in, *item);
        else item.emplace(decode<T>(in));
      } else {
        item.emplace(decode<T>(in));
      }
    }
  }
  T decode_item() {
    byte_reader in(bytes_.data(), bytes_.size());
    return decode<T>(in);
  }
  detail::ring_reader reader_;
  byte_buffer bytes_;
  queue_view queue_;
  std::uint32_t reader_slot_;
};

template <class T> class output final : public detail::output_base {
  static_assert(transferable<T>, "this item type " MPL_UNTRANSFERABLE_ADVICE);

public:
  output(const queue_view& queue, std::uint32_t producer_slot, process_stats& stats)
      : writer_(queue, producer_slot, stats) {}
  output(const output&) = delete;
  output& operator=(const output&) = delete;
  // Not closed here: unwinding from a failure must not look like a finished stream.
  ~output() override = default;

  // Blocks while the queue is full.
  void push(const T& item) {
    if (capturing_) [[unlikely]] {
      captured_.push_back(item);
      return;
    }
    write(item);
  }
  void push(T&& item) {
    if (capturing_) [[unlikely]] {
      captured_.push_back(std::move(item));
      return;
    }
    write(item);
  }
  // Never blocks; false when the queue has no room now.
  [[nodiscard]] bool try_push(const T& item) {
    if (capturing_) {
      captured_.push_back(item);
      return true;
    }
    if constexpr (direct_item<T>) return writer_.try_push_direct(item);
    encode_item(item);
    return writer_.try_push_bytes(bytes_.data(), bytes_.size());
  }
  // Optional: this process is done with the queue (also done when the body returns
  // normally; a body that fails leaves it open, so its readers see the abort instead of
  // an end of stream the failure cut short).
  void close() override { writer_.close(); }
  // False once every consumer has finished: the next push ends this stage quietly
  // (throws mpl::broken_queue). Lets a body stop expensive work before that.
  bool has_readers() const override { return writer_.has_readers(); }

  void set_capture(bool on) override { capturing_ = on; }
  std::size_t captured_count() const override { return captured_.size(); }
  void discard_captured_from(std::size_t mark) override {
    captured_.erase(captured_.begin() + static_cast<std::ptrdiff_t>(mark), captured_.end());
  }
  void commit_captured(detail::commit_marks& marks) override {
    writer_.take_turn();
    std::size_t next = 0;
    if constexpr (direct_item<T>) {
      if (writer_.queue().serialized_producers) {
        // Only the turn holder pushes, so everything past the batch's base was pushed by
        // this batch, here or by a predecessor that died: skip that many. A death at any
        // point leaves the ring consistent (items become visible with one store).
        if (marks.out_base_seq->load(std::memory_order_relaxed) == marks.batch_seq) {
          next = static_cast<std::size_t>(writer_.visible_tail() - marks.out_base->load(std::memory_order_relaxed));
        } else {
          marks.out_base->store(writer_.visible_tail(), std::memory_order_relaxed);
          std::atomic_signal_fence(std::memory_order_seq_cst);
          marks.out_base_seq->store(marks.batch_seq, std::memory_order_relaxed);
          std::atomic_signal_fence(std::memory_order_seq_cst);
        }
        while (next < captured_.size()) {
          writer_.wait_for_room(1);
          next += writer_.push_direct_run(captured_.data() + next, captured_.size() - next);
        }
        writer_.publish_tail();
        captured_.clear();
        return;
      }
    }
    if (marks.position < marks.skip)  // pushed by a predecessor that died
      next = std::min<std::size_t>(captured_.size(), marks.skip - marks.position);
    marks.position += next;
    for (; next < captured_.size(); ++next) {
      const T& item = captured_[next];
      ++marks.position;
      std::uint64_t chunks = 1;
      if constexpr (!direct_item<T>) {
        encode_item(item);
        chunks = detail::ring_writer::chunks_for(bytes_.size());
      }
      writer_.wait_for_room(chunks);  // blocking here is safe: nothing is half done
      marks.in_queue_op->store(1, std::memory_order_relaxed);
      std::atomic_signal_fence(std::memory_order_seq_cst);
      if constexpr (direct_item<T>) writer_.push_direct(item);
      else writer_.push_bytes(bytes_.data(), bytes_.size());
      marks.flushed->store(marks.position, std::memory_order_relaxed);
      std::atomic_signal_fence(std::memory_order_seq_cst);
      marks.in_queue_op->store(0, std::memory_order_relaxed);
    }
    captured_.clear();
  }

private:
  void write(const T& item) {
    if constexpr (direct_item<T>) {
      writer_.push_direct(item);
    } else {
      if constexpr (detail::length_then_bytes<T> && !has_user_codec<T>) {
        std::size_t body_size = item.size() * sizeof(typename T::value_type);
        if (body_size > chunk_payload_bytes) [[unlikely]] return write_from_storage(item, body_size);
      }
      bytes_.clear();
      if (writer_.queue().kind == ring_kind::spsc) {
        // Encoded straight into the free slot: no copy through bytes_ unless it is longer.
        std::size_t room;
        std::byte* place = writer_.begin_in_place(room);
        byte_writer out(bytes_, place, room);
        encode(item, out);
        if (!out.spilled()) return writer_.commit_in_place(out.written_in_place());
      } else {
        byte_writer out(bytes_);
        encode(item, out);
      }
      writer_.push_bytes(bytes_.data(), bytes_.size());
    }
  }
  // A big string or vector copied into the chunks from where its elements lie (one copy,
  // not two through bytes_): the encoding of mpl::codec, its length then its bytes.
  [[gnu::noinline]] void write_from_storage(const T& item, std::size_t body_size) {
    std::uint64_t length = item.size();
    writer_.push_two_pieces(reinterpret_cast<const std::byte*>(&length), sizeof length,
                            reinterpret_cast<const std::byte*>(item.data()), body_size);
  }
  void encode_item(const T& item) {
    bytes_.clear();
    byte_writer out(bytes_);
    encode(item, out);
  }
  detail::ring_writer writer_;
  byte_buffer bytes_;
  std::vector<T> captured_;  // pool outputs not yet committed
  bool capturing_ = false;
};

}  // namespace mpl
