// Pool.map of slow items (promises.py pool-spread): 40 items of 50 ms on 4 workers must
// keep every worker busy, about 10 items each (5 each with --workers work=8).
include <chrono>
include <map>
include <thread>

queue todo: long
queue done: long

stage seed() -> todo { for (long i = 0; i < 40; ++i) emit(i); }

pool work[4](x: todo) -> done {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    emit(index);
}

stage count(done) {
    std::map<long, long> per;
    for (long w : done) per[w]++;
    fmt::print("items per worker: {}\n", per);
}
