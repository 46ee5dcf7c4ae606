// A producer that swallows the broken-queue exception (catch (...) around emit) and
// pushes again is ended quietly at that push (promises.py early-stop).
queue q: long capacity 4
stage produce() -> q {
    long errors = 0;
    for (long i = 0;; ++i) {
        try { emit(i); } catch (...) { ++errors; }
    }
}
stage head(q) { long n = 0; for (long x : q) { fmt::print("{}\n", x); if (++n == 3) break; } }
