// A pool whose item kills every worker fails once its retries are used up.
include <csignal>

queue numbers: long
queue out: long

stage produce() -> numbers {
    for (long i = 0; i < 10; ++i) emit(i);
}

pool fragile[2](x: numbers) -> out retry 2 {
    if (x == 7) std::raise(SIGKILL);
    emit(x);
}

stage sink(out) {
    for (long x : out) (void)x;
}
