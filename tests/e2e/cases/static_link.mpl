// `mplc --static`: a fully static program (no dynamic loader, no libfmt.so) still runs
// queues, an ordered pool, shared values, a robust lock and fmt's formatting.
param count: long = 1000

queue numbers: long
queue halves: double capacity 64

shared total: long = 0
shared seen: long[4]

stage produce() -> numbers {
    for (long i = 1; i <= count; ++i) emit(i);
}

pool halve[2](x: numbers) -> halves {
    seen[index] += 1;
    emit(x / 2.0);
}

stage report(halves) {
    double sum = 0;
    long first = 0;
    for (double h : halves) {
        if (first == 0) first = static_cast<long>(h * 2);
        sum += h;
        total += 1;
    }
    auto guard = total.lock();
    fmt::print("first {}, {} halves, sum {:.1f}\n", first, *guard, sum);
}

after {
    fmt::print("workers handled {} items\n", seen[0].load() + seen[1].load());
}
