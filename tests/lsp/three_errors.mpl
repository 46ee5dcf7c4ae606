param count: long = 5

queue numbers: long
queue squares: long

stage produce() -> nmbers {
    for (long i = 1; i <= count; ++i) emit(i);
}

pool square[wrkers](x: numbers) -> squares {
    emit(x * x);
}

stage report(squares, produce) {
    for (long s : squares) fmt::print("{}\n", s);
}
