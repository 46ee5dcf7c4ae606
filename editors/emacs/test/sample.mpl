// Declarations, and C++ bodies with braces in strings, characters and comments.
include <cmath>
include "point.hpp"

/// How many numbers to produce.
param count: long = 5
param ratio: double = -1.5e3
param verbose: bool = false
param greeting: std::string = "hello { world"
param workers: int = 3

queue numbers: long
queue jobs: std::pair<int, double> capacity 64
pipe control: int
shared hits: long = 0
shared hist: long[16]

cpp {
struct Point { double x, y; };
}

/* stage fake() { at the top level, in a comment */
stage produce() -> numbers {
    std::string open = "{ not a block \" }";
    char brace = '}';
    char quote = '\'';
    long big = 1'000'000;
    // a comment with } and {
    std::sort(v.begin(), v.end(), [](long a, long b) { return a < b; });
    for (long i = 1; i <= count; ++i) {
        if (i > 0) {
            emit(i);
        }
    }
}

pool square[4](x: numbers) -> squares ordered retry 3 {
    emit(x * x);
}

stage fan[workers](item: jobs) -> control unordered {
    control.push(item.first + index);
}

queue squares: long
after {
    fmt::print("done\n");
}
