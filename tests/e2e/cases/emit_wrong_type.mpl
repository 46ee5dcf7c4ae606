// emit() of a value that does not convert to the queue's item type: the first error
// is at the emit, and names the value's type, the queue and its item type.
queue numbers: long

stage produce() -> numbers {
    emit(1L);
    emit(std::string("x"));
}

stage consume(numbers) {
    for (long x : numbers) (void)x;
}
