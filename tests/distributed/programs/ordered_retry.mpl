// With retry 2. An ordered pool spread over every rank (docs/distributed.md, "Ordered pools"): items
// give 0, 1 or 2 outputs, each tagged with the rank that made it; the sink checks the
// input order and counts the ranks. Each worker says once where it runs.
include <cstdlib>
include <set>
include <unistd.h>

param n: long = 30000
param us: long = 100
queue in: long capacity 256
queue out: long capacity 256

stage source() -> in {
    for (long i = 0; i < n; ++i) in.push(i);
}
pool work[2](x: in) -> out retry 2 {
    static bool said = false;
    if (!said) {
        said = true;
        fmt::print(stderr, "rank {} worker pid {}\n", std::getenv("MPL_RANK"), getpid());
    }
    if (us) usleep(us);
    long rank = std::atol(std::getenv("MPL_RANK"));
    if (x % 3 != 1) emit(x * 8 + rank);
    if (x % 3 == 2) emit(x * 8 + rank);
}
stage sink(out) {
    long count = 0, sum = 0, last = -1, out_of_order = 0;
    std::set<long> ranks;
    for (long v : out) {
        long x = v / 8;
        if (x < last) ++out_of_order;
        last = x;
        ++count;
        sum += x;
        ranks.insert(v % 8);
    }
    fmt::print("outputs {} sum {} out of order {} ranks {}\n", count, sum, out_of_order, ranks.size());
}
