// Variable-size items: strings of 10 to 200 bytes (bench/workloads/work.hpp) from one
// process to another. Prints the item count and the total bytes.
include "../workloads/work.hpp"

/// How many strings to send.
param items: long = 10000000

queue lines: std::string

stage produce() -> lines {
    std::string s;
    for (long i = 0; i < items; ++i) {
        mpl_bench::make_string(i, s);
        emit(s);
    }
}

stage consume(lines) {
    long count = 0, bytes = 0;
    for (const std::string &s : lines) {
        ++count;
        bytes += static_cast<long>(s.size());
    }
    fmt::print("{} {}\n", count, bytes);
}
