// A failure anywhere must never let a consumer see a normal end of stream that the
// failure cut short (tests/reliability/promises.py): the sink's total is printed only
// after a complete run. --variant picks who fails at item 50000, and how.
include <csignal>
include <cstdlib>

/// stage | stage_exit | stage_kill | pool_throw | pool_kill | pool_exit
param variant: std::string = "stage"

queue a: long
queue b: long
queue c: long

stage produce() -> a { for (long i = 0; i < 100000; ++i) emit(i); }

pool work[3](x: a) -> b unordered {
    if (x == 50000 && variant == "pool_throw") throw std::runtime_error("bad item");
    if (x == 50000 && variant == "pool_kill") std::raise(SIGKILL);
    if (x == 50000 && variant == "pool_exit") std::exit(4);
    emit(x);
}

stage mid(b) -> c {
    for (long x : b) {
        if (x == 50000 && variant == "stage") throw std::runtime_error("bad item");
        if (x == 50000 && variant == "stage_exit") std::exit(3);
        if (x == 50000 && variant == "stage_kill") std::raise(SIGKILL);
        emit(x);
    }
}

stage sink(c) { long n = 0; for (long x : c) { (void)x; ++n; } fmt::print("total items: {}\n", n); }
