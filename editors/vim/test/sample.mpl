// Every declaration form of the spec, and C++ bodies with awkward braces.
include <cmath>
include "point.hpp"

/// How many numbers to produce.
/// TODO: a second line of help.
param count: long = 5
param ratio: double = -1.5e3
param verbose: bool = false
param greeting: std::string = "hello { world"
param workers: int = 3
param qsize: unsigned long = 1'024

queue numbers: long
queue lines: std::string capacity 256
queue jobs: std::pair<int, double> capacity qsize
pipe control: int
shared hits: long = 0
shared hist: long[16]
shared origin: Point = { 0.0, 0.0 }

cpp { struct Point { double x, y; }; }
before { fmt::print("starting\n"); }

/* A block comment at the top level: stage fake() { */
stage produce() -> numbers {
    std::string open = "{ not a block \" }";
    char brace = '}';
    char quote = '\'';
    long big = 1'000'000;
    auto raw = R"(} {{)";
    // a comment with } and {
    /* and } another { */
    std::vector<int> list{1, 2, 3};
    std::sort(list.begin(), list.end(), [](int a, int b) { return a > b; });
    for (long i = 1; i <= count; ++i) {
        if (i > 0) {
            emit(i);
        }
    }
}

pool square[4](x: numbers) -> squares ordered retry 3 {
    emit(x * x);
}

stage fan[workers](item: jobs) -> lines, control unordered {
    lines.push(std::to_string(item.first));
}

stage report(squares, lines, control) {
    for (long s : squares) hits += s;
}

stage idle() { }
queue squares: long
after {
    fmt::print("{}\n", hits.load());
}
