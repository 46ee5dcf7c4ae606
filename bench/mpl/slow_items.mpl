// Pool.map of slow items (bench/run): 40 items of 50 ms on 4 workers, against Python's
// Pool(4).map of the same function (bench/baselines/mp_slow_pool.py).
include <chrono>
include <thread>

param items: long = 40
param ms: long = 50

queue todo: long
queue done: long

stage seed() -> todo { for (long i = 0; i < items; ++i) emit(i); }

pool work[4](x: todo) -> done {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    emit(x * x);
}

stage total(done) {
    long sum = 0, next = 0;
    for (long s : done) {
        if (s != next * next) throw std::runtime_error("results out of order");
        ++next;
        sum += s;
    }
    fmt::print("{}\n", sum);
}
