// Hostile limits (limits.py): a queue whose ring the machine cannot map. The run
// must stop with one line naming the queue and the size asked; --help must still work.
cpp {
struct Big { char bytes[1024]; };
}
queue q: Big capacity 1000000000

stage s() -> q {
    fmt::print("started\n");
    emit(Big{});
}

stage t(q) {
    for (const Big &b : q) fmt::print("{}\n", int(b.bytes[0]));
}
