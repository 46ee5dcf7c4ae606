// An ordered pool keeps input order even when workers finish out of order.
include <chrono>
include <thread>

param items: long = 20000

queue numbers: long capacity 64
queue squares: std::pair<long, long> capacity 64

stage produce() -> numbers {
    for (long i = 0; i < items; ++i) emit(i);
}

pool square[4](x: numbers) -> squares ordered {
    if (x % 97 == 0) std::this_thread::sleep_for(std::chrono::microseconds((x * 7919) % 2000));
    emit(std::pair{x, x * x});
}

stage check(squares) {
    long expected = 0;
    for (auto [x, square] : squares) {
        if (x != expected || square != x * x)
            throw std::runtime_error(fmt::format("item {} arrived where {} was expected", x, expected));
        ++expected;
    }
    fmt::print("{} items in order\n", expected);
}
