// Python: for i in range(5): Process(target=worker, args=(i,)).start(); then join all.
include <chrono>
include <thread>

/// Seconds each worker sleeps.
param seconds: double = 2

stage worker[5]() {
    fmt::print("Worker: {}\n", index);
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    fmt::print("Worker {} finished\n", index);
}

after {
    fmt::print("All processes finished.\n");
}
