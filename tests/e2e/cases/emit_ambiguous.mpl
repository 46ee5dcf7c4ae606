// emit() in a stage with two outputs is a compile error that says what to write.
queue evens: long
queue odds: long

stage split() -> evens, odds {
    emit(1L);
}

stage sink(evens, odds) {
    for (long x : evens) (void)x;
    for (long x : odds) (void)x;
}
