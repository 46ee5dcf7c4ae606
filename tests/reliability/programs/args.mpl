// Malformed command lines (tests/reliability/reliability.py hostile-args): each is
// rejected with exit 2, a message naming the option, and no stage started.
param count: long = 5
param ratio: double = 1.0
param flag: bool = false
param name: std::string = "x"

queue numbers: long

stage produce() -> numbers {
    for (long i = 0; i < count; ++i) emit(i);
}

pool work[2](x: numbers) {
    fmt::print("ran {}\n", x);
}
