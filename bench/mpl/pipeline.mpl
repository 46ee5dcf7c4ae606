// 2-stage workload: longs from one process to another through one queue (the SPSC
// ring, default capacity). Prints the sum. Baselines: bench/baselines/.
/// How many longs to send.
param items: long = 100000000

queue numbers: long

stage produce() -> numbers {
    for (long i = 0; i < items; ++i) emit(i);
}

stage consume(numbers) {
    long sum = 0;
    for (long x : numbers) sum += x;
    fmt::print("{}\n", sum);
}
