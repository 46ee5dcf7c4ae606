// A consumer that stops early (docs/programs.md): an endless source, a pool on every
// rank, and a sink that leaves after 1,000 outputs. Every rank must end, status 0.
queue in: long capacity 64
queue out: long capacity 64

stage source() -> in {
    for (long i = 0;; ++i) in.push(i);
}
pool work[2](x: in) -> out unordered {
    emit(x);
}
stage sink(out) {
    long count = 0;
    for (long v : out) {
        (void)v;
        if (++count == 1000) break;
    }
    fmt::print("got {}\n", count);
}
