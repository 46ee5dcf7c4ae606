// Big items: std::vector<double> of 1 MiB from one process to another (encoded and
// streamed through the ring in chunks). Prints the block count and the sum of the
// stamps at both ends of each block. Baseline: memcpy of the same bytes in one process.
include "../workloads/work.hpp"

/// How many blocks of 1 MiB to send.
param items: long = 2000

queue blocks: std::vector<double>

stage produce() -> blocks {
    std::vector<double> block(mpl_bench::block_doubles, 1.0);
    for (long i = 0; i < items; ++i) {
        mpl_bench::stamp_block(i, block.data());
        emit(block);
    }
}

stage consume(blocks) {
    long count = 0, stamps = 0;
    for (const std::vector<double> &block : blocks) {
        if (block.size() != mpl_bench::block_doubles) throw std::runtime_error("short block");
        ++count;
        stamps += mpl_bench::block_stamps(block.data());
    }
    fmt::print("{} {}\n", count, stamps);
}
