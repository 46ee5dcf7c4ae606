// Which ranks a pool's bodies ran on (docs/distributed.md): every item is tagged with
// the rank that processed it (MPL_RANK), and the sink counts the ranks it saw.
include <cstdlib>
include <set>
include <unistd.h>

param n: long = 20000
queue in: long capacity 64
queue out: long capacity 64

stage source() -> in {
    for (long i = 0; i < n; ++i) in.push(i);
}
pool work[2](x: in) -> out unordered {
    usleep(50);
    emit(x * 8 + std::atol(std::getenv("MPL_RANK")));
}
stage sink(out) {
    long sum = 0, count = 0;
    std::set<long> ranks;
    for (long v : out) {
        sum += v / 8;
        ++count;
        ranks.insert(v % 8);
    }
    fmt::print("items {} sum {} ranks {}\n", count, sum, ranks.size());
}
