// A stage killed by a signal: reported by name, the others are stopped.
include <csignal>

queue numbers: long capacity 4

stage produce() -> numbers {
    for (long i = 0;; ++i) emit(i);
}

stage consume(numbers) {
    for (long x : numbers)
        if (x == 1000) std::raise(SIGSEGV);
}
