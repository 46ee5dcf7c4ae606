stage produce() -> numbers { for (long i = 0; i < cuont; ++i) emit(i); }
// This file starts with a UTF-8 byte order mark: the C++ compiler's columns do not count it.
queue numbers: long
stage report(numbers) {
    for (long x : numbers) fmt::print("{}\n", x + undeclared_in_report);
}
