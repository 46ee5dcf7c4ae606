// As slow_items.mpl, through a plain unordered pool (competing consumers).
include <chrono>
include <map>
include <thread>

queue todo: long
queue done: long

stage seed() -> todo { for (long i = 0; i < 40; ++i) emit(i); }

pool work[4](x: todo) -> done unordered {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    emit(index);
}

stage count(done) {
    std::map<long, long> per;
    for (long w : done) per[w]++;
    fmt::print("items per worker: {}\n", per);
}
