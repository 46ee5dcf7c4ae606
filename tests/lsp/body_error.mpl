queue numbers: long

stage produce() -> numbers {
    for (long i = 0; i < 3; ++i) emit(i);
}

stage consume(numbers) {
    for (long n : numbers) undeclared_function(n);
}
