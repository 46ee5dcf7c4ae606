// A run stopped during `before` ends what the hook started (promises.py signals-before).
include <chrono>
include <cstdlib>
include <thread>

before {
    if (std::system("sleep 37 &") != 0) throw std::runtime_error("system failed");
    std::this_thread::sleep_for(std::chrono::seconds(5));
}
queue q: long
stage produce() -> q { emit(1); }
stage consume(q) { for (long x : q) fmt::print("{}\n", x); }
