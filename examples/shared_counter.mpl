// Python: Value('i', 0) and Array('i', 4) updated by several processes.
/// Increments per worker.
param increments: long = 100000

shared counter: long = 0          // multiprocessing.Value
shared per_worker: long[4]        // multiprocessing.Array, zero-initialised
shared total: double = 0          // a non-integral Value: updated under its lock

stage worker[4]() {
    for (long i = 0; i < increments; ++i) {
        ++counter;
        per_worker[index] += 1;
    }
    auto guard = total.lock();
    *guard += 0.5 * increments;
}

after {
    fmt::print("counter = {}\n", counter.load());
    fmt::print("per worker = [{}, {}, {}, {}]\n", per_worker[0].load(), per_worker[1].load(),
               per_worker[2].load(), per_worker[3].load());
    fmt::print("total = {}\n", *total.lock());
}
