// A stage stuck in an endless loop (promises.py timeout): --timeout ends the run with
// 124 and names it; Ctrl-C names it too.
queue q: long
stage produce() -> q { for (long i = 0; i < 10; ++i) emit(i); }
stage consume(q) { long sum = 0; for (long x : q) sum += x; fmt::print("sum {}\n", sum); }
stage spin() { volatile long turns = 0; for (;;) turns = turns + 1; }
