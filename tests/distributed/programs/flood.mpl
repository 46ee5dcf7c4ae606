// A fast source and a slower pool on every rank: what is in flight between ranks is
// bounded by the queue's capacity (credits), not by the input's size.
param n: long = 10000000
queue in: long
queue out: long

stage source() -> in {
    for (long i = 0; i < n; ++i) in.push(i);
}
pool work[2](x: in) -> out unordered {
    long v = x;
    for (int k = 0; k < 40; ++k) v = v * 6364136223846793005L + 1442695040888963407L;
    emit(x + (v & 0));
}
stage sink(out) {
    long sum = 0, count = 0;
    for (long v : out) { sum += v; ++count; }
    fmt::print("items {} sum {}\n", count, sum);
}
