// retry N counts per item and retries bodies that throw or die (promises.py retry-items):
// a fixed set of attempts fails (a hash of item and attempt), each after pushing an
// output that must be discarded. The output must hold every item once, in order, and
// the bodies must have run exactly items + failures times.
include <chrono>
include <cstdlib>
include <thread>

param items: long = 200
/// throw | abort
param how: std::string = "throw"
/// One attempt in this many fails.
param one_in: long = 10

shared tries: int[200]
shared executions: long = 0

cpp {
bool attempt_fails(long x, long attempt, long one_in) {
    unsigned long h = static_cast<unsigned long>(x * 1000003 + attempt * 7919 + 12345);
    h ^= h >> 13;
    h *= 0x9E3779B97F4A7C15ul;
    h ^= h >> 29;
    return h % static_cast<unsigned long>(one_in) == 0;
}
long expected_failures(long items, long one_in) {
    long failures = 0;
    for (long x = 0; x < items; ++x)
        for (long attempt = 0; attempt_fails(x, attempt, one_in); ++attempt) ++failures;
    return failures;
}
}

queue numbers: long
queue results: long

stage produce() -> numbers { for (long i = 0; i < items; ++i) emit(i); }

pool work[3](x: numbers) -> results ordered retry 5 {
    long attempt = tries[x].fetch_add(1);
    executions.fetch_add(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    emit(x * 10);
    if (attempt_fails(x, attempt, one_in)) {
        if (how == "abort") std::abort();
        throw std::runtime_error(fmt::format("attempt {} of item {} failed", attempt, x));
    }
}

stage check(results) {
    long expected = 0;
    for (long y : results) {
        if (y != expected * 10) throw std::runtime_error(fmt::format("got {} where {} was due", y, expected * 10));
        ++expected;
    }
    fmt::print("{} results, each exactly once, in order\n", expected);
}

after {
    fmt::print("body executions: {} (items {} + failures {})\n", executions.load(), items,
               expected_failures(items, one_in));
}
