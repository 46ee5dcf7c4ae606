// Slow items on every rank; each worker says once where it runs, so that a test can
// kill it (or its rank's supervisor).
include <cstdlib>
include <unistd.h>

param n: long = 20000
queue in: long capacity 64
queue out: long capacity 64

stage source() -> in {
    for (long i = 0; i < n; ++i) in.push(i);
}
pool work[2](x: in) -> out unordered {
    static bool said = false;
    if (!said) {
        said = true;
        fmt::print(stderr, "rank {} worker pid {}\n", std::getenv("MPL_RANK"), getpid());
    }
    usleep(2000);
    emit(x);
}
stage sink(out) {
    long sum = 0, count = 0;
    for (long v : out) { sum += v; ++count; }
    fmt::print("items {} sum {}\n", count, sum);
}
