// A consumer that stops early ends its producers as `head` ends `yes`
// (tests/reliability/promises.py). The consumer stamps CLOCK_MONOTONIC when it is done.
include <cstdlib>
include <ctime>
include <fstream>

/// break | exit | return | slow
param variant: std::string = "break"
param stamp: std::string = "/dev/null"

cpp {
void stamp_now() {
    timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    std::ofstream(stamp) << t.tv_sec * 1'000'000'000L + t.tv_nsec << "\n";
}
}

queue q: long
queue r1: long
queue r2: long

stage produce() -> q {
    for (long i = 0; i < 1'000'000'000L; ++i) {
        if (variant == "slow") { timespec pause{0, 1'000'000}; nanosleep(&pause, nullptr); }
        emit(i);
    }
    fmt::print("producer done\n");
}
stage relay1(q) -> r1 { for (long x : q) emit(x); fmt::print("relay1 done\n"); }
stage relay2(r1) -> r2 { for (long x : r1) emit(x); fmt::print("relay2 done\n"); }

stage first3(r2) {
    long n = 0;
    for (long x : r2) {
        fmt::print("{}\n", x);
        if (++n < 3) continue;
        std::fflush(stdout);
        if (variant != "return") stamp_now();
        if (variant == "exit") std::exit(0);
        if (variant == "return") break;
        break;
    }
    if (variant == "return") { for (int i = 0; i < 2; ++i) r2.pop(); stamp_now(); }
}
