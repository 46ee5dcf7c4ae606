// Declarations, and C++ bodies with braces in strings, characters and comments.
include <cmath>

/// How many numbers to produce.
param count: long = 5
param greeting: std::string = "hello { world"

queue numbers: long
queue jobs: std::pair<int, double> capacity 64
pipe control: int
shared hist: long[16]

cpp {
    struct Point { double x, y; };
}

stage produce() -> numbers {
    std::string open = "{ not a block";
    char brace = '}';
    long big = 1'000'000;
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
    fmt::print("done\n");
}
