// emit() of a floating value into an integral queue truncates it, as C++ does, but
// the compiler warns of the narrowing (as braces would), at the queue in the header.
queue numbers: long

stage produce() -> numbers {
    double half = 3.7;
    emit(half);
    emit(2);
}

stage consume(numbers) {
    for (long x : numbers) fmt::print("{}\n", x);
}
