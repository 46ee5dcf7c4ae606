// A run that goes on for more than 10 s on rank 0 while the other ranks have nothing to
// run: they wait for it, however long it takes (docs/distributed.md, "Failures").
include <unistd.h>

queue q: long capacity 4

stage source() -> q {
    for (long i = 0; i < 4; ++i) {
        sleep(3);
        q.push(i);
    }
}
stage sink(q) {
    long sum = 0;
    for (long v : q) sum += v;
    fmt::print("sum {}\n", sum);
}
