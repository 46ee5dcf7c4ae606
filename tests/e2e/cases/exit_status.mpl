// A stage that exits with a non-zero status fails the run.
include <cstdlib>

queue numbers: long

stage produce() -> numbers {
    emit(1L);
    std::exit(3);
}

stage consume(numbers) {
    for (long x : numbers) (void)x;
}
