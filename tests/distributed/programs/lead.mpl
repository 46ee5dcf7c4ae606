// How far a fast source runs ahead of slow remote workers (docs/distributed.md,
// "Transport and flow control"): the source and the sink share rank 0, so they can
// count; the pool, on every rank, takes 200 µs an item through capacity-1 queues.
include <unistd.h>

param n: long = 3000
shared received: long = 0
shared lead: long = 0
queue in: long capacity 1
queue out: long capacity 1

stage source() -> in {
    for (long i = 0; i < n; ++i) {
        long ahead = i - received.load();
        if (ahead > lead.load()) lead.store(ahead);
        in.push(i);
    }
}
pool work[2](x: in) -> out unordered {
    usleep(200);
    emit(x);
}
stage sink(out) {
    long count = 0;
    for (long v : out) {
        (void)v;
        ++count;
        ++received;
    }
    fmt::print("items {} lead within 32: {}\n", count, lead.load() <= 32);
}
