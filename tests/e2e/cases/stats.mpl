// --stats prints a per-stage and per-queue table on stderr at exit.
queue numbers: long

stage produce() -> numbers {
    for (long i = 0; i < 100000; ++i) emit(i);
}

stage consume(numbers) {
    long sum = 0;
    for (long x : numbers) sum += x;
    fmt::print("{}\n", sum);
}
