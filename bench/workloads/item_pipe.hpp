// Longs through a Unix pipe, one write() per item. The reader takes whatever is there
// (up to 32 KiB per read()), which favours the pipe.
#pragma once

#include <cstring>
#include <unistd.h>

namespace mpl_bench {

// Writes 0 .. items-1 to `fd`; false on a short write.
inline bool write_items(int fd, long items) {
  for (long i = 0; i < items; ++i)
    if (write(fd, &i, sizeof i) != sizeof i) return false;
  return true;
}

// Reads longs from `fd` to its end; returns their sum.
inline long sum_items(int fd) {
  long sum = 0, buffer[4096];
  std::size_t pending = 0;  // bytes of an item split between two reads
  ssize_t got;
  while ((got = read(fd, reinterpret_cast<char*>(buffer) + pending, sizeof buffer - pending)) > 0) {
    std::size_t bytes = pending + static_cast<std::size_t>(got), whole = bytes / sizeof(long);
    for (std::size_t i = 0; i < whole; ++i) sum += buffer[i];
    pending = bytes % sizeof(long);
    std::memmove(buffer, buffer + whole, pending);
  }
  return sum;
}

}  // namespace mpl_bench
