// Retry under fire (tests/reliability/reliability.py retry): the driver SIGKILLs pool
// workers at random moments; every item must come out exactly once and in order.
// --always_die=K makes item K kill its worker every time, to exhaust the retries.
include <cstdio>
include <csignal>
include <unistd.h>

param items: long = 1000000
/// File to which each worker appends "index pid" when it starts.
param pids: std::string = "/dev/null"
param always_die: long = -1

queue numbers: long capacity 256
queue results: long capacity 256

stage produce() -> numbers {
    for (long i = 0; i < items; ++i) emit(i);
}

pool twice[3](x: numbers) -> results ordered retry 3 {
    static bool announced = false;
    if (!announced) {
        announced = true;
        if (FILE *f = std::fopen(pids.c_str(), "a")) { std::fprintf(f, "%d %d\n", index, int(getpid())); std::fclose(f); }
    }
    if (x == always_die) std::raise(SIGKILL);
    emit(2 * x + 1);
}

stage check(results) {
    long expected = 0;
    for (long y : results) {
        if (y != 2 * expected + 1)
            throw std::runtime_error(fmt::format("got {} where item {} was expected", y, expected));
        ++expected;
    }
    if (expected != items) throw std::runtime_error(fmt::format("{} of {} items", expected, items));
    fmt::print("{} items exactly once, in order\n", expected);
}
