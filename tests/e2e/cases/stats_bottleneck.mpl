// --stats names as bottleneck the stage the others wait for, not the fast producer held
// back by a full queue; and a queue that carried items never shows a high water of 0.
include <chrono>
include <thread>

queue q: long capacity 4
stage produce() -> q { for (long i = 0; i < 300; ++i) emit(i); }
stage slow(q) {
    long sum = 0;
    for (long x : q) {
        std::this_thread::sleep_for(std::chrono::microseconds(300));
        sum += x;
    }
    fmt::print("sum {}\n", sum);
}
