// A C++ error in a body is reported at its line in the .mpl file.
queue numbers: long

stage produce() -> numbers {
    emit(1L);
    undeclared_function(42);
}

stage consume(numbers) {
    for (long x : numbers) (void)x;
}
