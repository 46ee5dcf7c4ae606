// Every declaration form of the spec, and C++ bodies with awkward braces.
include <cmath>
include "point.hpp"

/// How many numbers to produce.
param count: long = 5
param ratio: double = -1.5e3
param verbose: bool = false
param greeting: std::string = "hello { world"

queue numbers: long
queue jobs: std::pair<int, double> capacity qsize
pipe control: int
shared hits: long = 0
shared hist: long[16]

cpp { struct Point { double x, y; }; }
before { fmt::print("starting\n"); }

stage produce() -> numbers {
    std::string open = "{ not a block";
    char brace = '}';
    // a comment with } and {
    for (long i = 1; i <= count; ++i) {
        if (i > 0) {
            emit(i);
        }
    }
}

pool square[4](x: numbers) -> squares ordered retry 3 {
    emit(x * x);
}

queue squares: long
after {
    fmt::print("{}\n", hits.load());
}
