// A stage that gives up one input early and goes on reading another closes the first
// (promises.py early-stop): its producer then ends quietly instead of waiting on it.
queue a: long capacity 4
queue b: long capacity 4
stage produce() -> a, b {
    for (long i = 0; i < 100; ++i) {
        a.push(i);
        b.push(i);
    }
}
stage consume(a, b) {
    long n = 0;
    for (long x : a) {
        (void)x;
        if (++n == 3) break;
    }
    a.close();
    long m = 0;
    for (long y : b) { (void)y; ++m; }
    fmt::print("read 3 of a, then {} of b\n", m > 0 ? "some" : "none");
}
