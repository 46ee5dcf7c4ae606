// Shared arrays read like Python's Array: element access for every element type —
// atomic for integers and floating point, under the array's lock for the rest.
cpp {
struct Point { double x, y; };
}

shared weights: double[4]
shared points: Point[3]
shared flags: bool[2]
shared total: double = 0.5

queue q: long

stage produce[2]() -> q {
    for (long i = 0; i < 1000; ++i) {
        weights[i % 4] += 0.25;
        total += 1.0;
        emit(i);
    }
    points[index] = Point{1.0 * index, 2.0 * index};
    flags[index] = true;
}

stage consume(q) { long n = 0; for (long x : q) { (void)x; ++n; } fmt::print("{} items\n", n); }

after {
    for (int i = 0; i < 4; ++i) fmt::print("weights[{}] = {}\n", i, weights[i].load());
    Point p = points[1];
    fmt::print("points[1] = ({}, {}); flags = {} {}; total = {}\n", p.x, p.y, bool(flags[0]), bool(flags[1]),
               total.load());
    auto guard = points.lock();
    guard[2].x = 7.5;
    fmt::print("points[2].x = {}\n", guard[2].x);
}
