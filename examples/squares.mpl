// Python's multiprocessing.Pool(4).map(square_number, [1..5]), as an MPL pipeline.

/// How many numbers to square.
param count: long = 5

queue numbers: long
queue squares: long

stage produce() -> numbers {
    for (long i = 1; i <= count; ++i) emit(i);
}

pool square[4](x: numbers) -> squares {      // like multiprocessing.Pool(4).map
    emit(x * x);
}

stage report(squares) {
    std::vector<long> original, squared;
    for (long i = 1; i <= count; ++i) original.push_back(i);
    for (long s : squares) squared.push_back(s);
    fmt::print("Original numbers: {}\nSquared numbers: {}\n", original, squared);
}
