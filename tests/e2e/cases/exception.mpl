// A stage that throws: the run fails, naming the stage, replica, pid and what().
queue numbers: long capacity 4

stage produce() -> numbers {
    for (long i = 0;; ++i) emit(i);   // blocks on a full queue once the consumer dies
}

stage consume[2](numbers) {
    for (long x : numbers)
        if (x == 100) throw std::runtime_error("bad item 100");
}

after {
    fmt::print("after must not run when a stage failed\n");
}
