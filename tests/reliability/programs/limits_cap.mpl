// Hostile limits (limits.py): --cap=1073741824 makes the ordered pool's input a ring of
// 2^30 slots (16 GiB). The run may only touch the pages it uses.
param cap: long = 16
param items: long = 100000

queue q: long capacity cap
queue r: long

stage s() -> q {
    for (long i = 0; i < items; ++i) emit(i);
}

pool p[2](x: q) -> r ordered {
    emit(x * 2);
}

stage t(r) {
    long sum = 0, expected = 0;
    for (long x : r) {
        if (x != 2 * expected) fmt::print("out of order: {} after {}\n", x, 2 * (expected - 1));
        sum += x;
        ++expected;
    }
    fmt::print("{} items, sum {}\n", expected, sum);
}
