/// How many numbers to produce.
param count: long = 5

queue numbers: long capacity 64
queue squares: long

stage produce() -> numbers {
    for (long i = 1; i <= count; ++i) emit(i);
}

pool square[4](x: numbers) -> sqares {
    emit(x * x);
}

stage report(squares) {
    for (long s : squares) fmt::print("{}\n", s);
}
