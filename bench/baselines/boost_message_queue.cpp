// 2-stage baseline: Boost.Interprocess message_queue (1024 messages of one long, like
// MPL's default capacity), one send()/receive() per item, producer forked.
// Prints the sum.
#include "fork_pair.hpp"

#include <boost/interprocess/ipc/message_queue.hpp>

#include <cstdio>
#include <string>

namespace bip = boost::interprocess;

int main(int argc, char** argv) {
  const long items = mpl_bench::item_count(argc, argv, 100'000'000);
  const std::string name = "mpl-bench-mq-" + std::to_string(getpid());
  bip::message_queue::remove(name.c_str());
  bip::message_queue queue(bip::create_only, name.c_str(), 1024, sizeof(long));
  long sum = mpl_bench::run_pair(
      [&] {
        bip::message_queue producer(bip::open_only, name.c_str());
        for (long i = 0; i < items; ++i) producer.send(&i, sizeof i, 0);
      },
      [&] {
        long total = 0, item = 0;
        bip::message_queue::size_type received;
        unsigned priority;
        for (long i = 0; i < items; ++i) {
          queue.receive(&item, sizeof item, received, priority);
          total += item;
        }
        return total;
      });
  bip::message_queue::remove(name.c_str());
  std::printf("%ld\n", sum);
}
