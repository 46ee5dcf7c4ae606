// Indentation: declarations at the margin, continuations one step in, braces by depth.
include <algorithm>

/// How many numbers to produce.
param count: long = 5

/* A block comment
 * over several lines.
 */
queue numbers: long
queue jobs: std::pair<int, double>
    capacity 64
queue squares: long

cpp {
// Namespace-scope code starts at the margin (mpl-cpp-block-indent).
#include <vector>
struct Point {
    double x, y;
};

bool is_small(long n) {
    return n < 10;
}
}

stage produce()
    -> numbers
{
    std::string open = "{ not a block";
    char brace = '}';
    // a comment with } and {
    for (long i = 1; i <= count; ++i) {
        if (i % 3 == 0) {
            emit(i);
        } else {
            emit(-i);
        }
        long total = i + count;
        if (total > 2 &&
            total < 4)
            emit(total);
        if (total > 0)
            emit(total);
        else if (total < -100)
            for (long j = 0; j < 2; ++j)
                emit(j);
        else
            emit(0);
    }
}

pool square[4](x: numbers) -> squares ordered
    retry 3 {
    auto cmp = [](long a, long b) {
        return a < b;
    };
#ifdef DEBUG
    fmt::print("{}\n", x);
#endif
    emit(x * x);
}

stage report(squares,
    jobs) {
    std::vector<long> all;
    for (long s : squares) {
        all.push_back(s);
    }
    std::sort(all.begin(), all.end(), [](long a, long b) {
        return a > b;
    });
    fmt::print("{} {}\n", all.size(),
               all.empty() ? 0 : all.front());
}

after {
    fmt::print("done\n");
}
