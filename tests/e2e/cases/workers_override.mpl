// --workers NAME=K overrides replica counts at run time; params can size stages
// and queues.
param copies: int = 2
param depth: long = 8

queue numbers: long capacity depth
queue seen: int

stage produce[copies]() -> numbers {
    for (long i = 0; i < 100; ++i) emit(i);
}

pool work[2](x: numbers) -> seen unordered {
    (void)x;
    emit(replicas);
}

stage report(seen) {
    long items = 0;
    int workers = 0;
    for (int r : seen) { ++items; workers = r; }
    fmt::print("{} items, pool of {}\n", items, workers);
}
