// SIGINT/SIGTERM during a slow `before` stop the run at once (promises.py signals-before).
include <chrono>
include <thread>

before { std::this_thread::sleep_for(std::chrono::seconds(5)); }

queue q: long
stage produce() -> q { emit(1); }
stage consume(q) { for (long x : q) fmt::print("{}\n", x); }
