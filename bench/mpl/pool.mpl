// Ordered-pool workload: square longs in 2 workers after `work` steps of spin per item
// (bench/workloads/work.hpp), results checked in input order. Prints the sum of squares.
include "../workloads/work.hpp"

/// How many longs to square.
param items: long = 10000000
/// Spin steps per item (about 1 ns each; bench/run calibrates).
param work: long = 0

queue numbers: long
queue squares: long

stage produce() -> numbers {
    for (long i = 0; i < items; ++i) emit(i);
}

pool square[2](x: numbers) -> squares ordered {
    emit(mpl_bench::square(x, work));
}

stage check(squares) {
    unsigned long sum = 0;
    long next = 0;
    for (long s : squares) {
        if (s != next * next) throw std::runtime_error(fmt::format("item {} out of order", next));
        ++next;
        sum += static_cast<unsigned long>(s);
    }
    fmt::print("{}\n", sum);
}
