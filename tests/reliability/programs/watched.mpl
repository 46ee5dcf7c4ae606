// A run to watch (tests/reliability/observe.py): a source, a pool of two slow workers, a
// sink that talks on stderr while the progress view is up, and a partial line written
// in two pieces (it must still arrive whole above the view).
include <chrono>
include <thread>

param items: long = 400
/// Milliseconds each worker spends per item.
param delay_ms: long = 2

queue numbers: long capacity 64
queue squares: long

stage produce() -> numbers {
    for (long i = 0; i < items; ++i) emit(i);
}

pool square[2](x: numbers) -> squares {
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    emit(x * x);
}

stage report(squares) {
    long sum = 0, seen = 0;
    for (long s : squares) {
        sum += s;
        if (++seen % 100 == 0) {
            fmt::print(stderr, "report: {} items ", seen);
            std::fflush(stderr);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            fmt::print(stderr, "so far\n");
        }
    }
    fmt::print("sum {}\n", sum);
}
