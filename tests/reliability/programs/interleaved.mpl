// A stage that writes to stdout and stderr in turn, slowly enough for the progress
// view to be up (observe.py progress): on a terminal its lines keep their order.
include <chrono>
include <iostream>
include <thread>

queue q: long
stage talk() -> q {
    for (int i = 0; i < 4; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        fmt::print("stdout {}\n", i);
        std::cerr << "stderr " << i << "\n";
        emit(i);
    }
}
stage sink(q) { long n = 0; for (long x : q) n += x; (void)n; }
