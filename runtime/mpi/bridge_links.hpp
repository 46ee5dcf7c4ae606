#pragma once
// The bridge's links and helpers, shared by its files (internal; bridge.hpp): a sending
// link empties a local ring into batches for the reading ranks (bridge_out.cpp), a
// receiving link fills a local ring from the writing ranks' batches (bridge_in.cpp).
#include "bridge.hpp"

#include "mpl/blocking.hpp"
#include "mpl/ring_reader.hpp"
#include "mpl/ring_writer.hpp"

#include <algorithm>
#include <cstring>
#include <time.h>

namespace mpl::detail {
// Under Open MPI's TCP eager limit (64 KiB with headers): a batch goes out at once, with
// no rendezvous round trip (measured: 512 KiB batches were 1.4x slower on loopback).
inline constexpr std::size_t batch_bytes = 60 * 1024;
// A batch not full yet is sent once its first item has waited this long: items that come
// in ring-sized runs then travel in full batches (a message per ring's worth cost two
// ranks three quarters of their speed), and a slow trickle still goes within a moment.
inline constexpr std::uint64_t batch_linger_ns = 20'000;
inline constexpr int items_per_step = 8192;            // per link and round, so no link starves the others

// Slots a reading rank lets one writing rank send ahead: the queue's capacity (its ring's
// slots), so a fast writer runs ahead of a slow remote reader about as far as on one
// host (docs/distributed.md, "Transport and flow control"). A window of 8 capacities
// measured no faster across two ranks: what limits them is elsewhere.
inline std::uint64_t credit_window(const queue_view& view) { return view.slot_count; }

inline void check(int code) {
  if (code != MPI_SUCCESS) throw mpi_failure{code};
}
template <class T> T read_word(const std::vector<std::byte>& message) {
  T word{};
  std::memcpy(&word, message.data(), std::min(sizeof word, message.size()));
  return word;
}

struct bridge::peer_out {
  int rank;
  // Ring slots the reader rank can still take. Below zero after an item bigger than the
  // whole window, which goes only when nothing is outstanding (credit == window): the
  // reader returns all of its slots, so the books balance again.
  std::int64_t credit;
  bool broken = false;
  std::vector<std::byte> batch;
  std::uint32_t count = 0;
  std::uint64_t first_ns = 0;  // when the batch's first item came
};

struct bridge::sending {
  sending(const bridge_link& l, const queue_view& view, process_stats& stats)
      : link(l), reader(view, stats), window(credit_window(view)) {}
  const bridge_link& link;
  ring_reader reader;
  std::uint64_t window;  // the reader ranks' rings have the same capacity
  std::vector<peer_out> peers;
  byte_buffer held;      // an encoded item popped before a peer had credit for it
  bool holding = false;
  bool done = false;
  // Hub of an ordered pool's input: chunks of chunk_size items, each to one rank,
  // recorded in dispatch_log for the merge of the outputs.
  std::deque<std::size_t>* dispatch_log = nullptr;
  std::uint64_t chunk_size = 0, chunk_items = 0;
  std::size_t chunk_peer = no_peer;
  // An ordered pool's output here: a chunk's last batch is flagged once cut.
  chunk_gate* gate = nullptr;
  static constexpr std::size_t no_peer = ~std::size_t{0};
};

struct bridge::receiving {
  receiving(const bridge_link& l, const queue_view& view, process_stats& stats)
      : link(l), writer(view, l.slot, stats), window(credit_window(view)) {}
  const bridge_link& link;
  ring_writer writer;
  std::uint64_t window;  // credit each writer rank starts with
  struct batch {
    std::vector<std::byte> bytes;
    std::size_t offset;
    std::uint32_t left;
    std::uint32_t flags;
  };
  std::vector<std::deque<batch>> pending;  // per sender, in arrival order
  std::vector<std::uint64_t> to_return;    // per sender: units pushed, credit not yet returned
  std::vector<bool> ended;                 // per sender: its end of stream arrived
  // An item longer than the ring, part written: it goes on first, from the same sender.
  ring_writer::stream_progress streaming;
  std::size_t streaming_sender = 0;
  std::size_t next_sender = 0;             // round robin between senders
  bool broken = false;
  bool done = false;
  std::deque<std::size_t>* merge_log = nullptr;  // hub of an ordered pool's output
  chunk_gate* gate = nullptr;                    // an ordered pool's input here
  std::size_t sender_index(int rank) const {
    return static_cast<std::size_t>(std::find(link.peers.begin(), link.peers.end(), rank) - link.peers.begin());
  }
  bool nothing_pending() const {
    return std::all_of(pending.begin(), pending.end(), [](const auto& q) { return q.empty(); });
  }
};

template <class T> void bridge::send_word(int dest, int tag, const T& word) {
  std::vector<std::byte> bytes(sizeof word);
  std::memcpy(bytes.data(), &word, sizeof word);
  send(dest, tag, std::move(bytes));
}

}  // namespace mpl::detail
