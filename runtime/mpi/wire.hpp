#pragma once
// The messages the bridges of a distributed run exchange (docs/distributed.md,
// "Transport"). Every message is MPI_BYTE on the run's communicator; the tag says
// what it is. A batch of items starts with a batch_header; direct items follow back to
// back, encoded items each as a 32-bit length and their codec bytes.
#include <cstdint>

namespace mpl::detail::wire {

enum tag : int {
  items = 1,   // batch_header, then the items
  end = 2,     // queue_word: the sender writes no more items into this queue
  credit = 3,  // credit_message: the receiver freed this many units of its window
  broken = 4,  // queue_word: every reader of the queue on the receiver finished
  stop = 5,    // status_word: the sender's rank stopped the run with this status
};

enum batch_flags : std::uint32_t {
  last_of_chunk = 1,  // an ordered pool's chunk ends with this batch (docs/distributed.md)
};
struct batch_header {
  std::uint32_t queue;
  std::uint32_t count;  // items in the batch
  std::uint32_t flags;
};
struct queue_word {
  std::uint32_t queue;
};
struct credit_message {
  std::uint32_t queue;
  std::uint32_t units;  // ring slots: one per direct item, its chunks per encoded item
};
struct status_word {
  std::int32_t status;
};

}  // namespace mpl::detail::wire
