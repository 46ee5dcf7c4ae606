// A pool worker that dies mid-item is replaced and the item handed out again;
// the ordered output still has every item exactly once, in order.
include <csignal>

param items: long = 5000
shared attempts: int[2]           // how often items 100 and 2500 were started
shared deaths: int = 0

queue numbers: long capacity 32
queue doubled: long capacity 32

stage produce() -> numbers {
    for (long i = 0; i < items; ++i) emit(i);
}

pool twice[3](x: numbers) -> doubled ordered retry 3 {
    if (x == 100 || x == 2500) {
        if (attempts[x == 100 ? 0 : 1].fetch_add(1) == 0) {
            ++deaths;
            std::raise(SIGKILL);
        }
    }
    emit(2 * x);
}

stage check(doubled) {
    long expected = 0;
    for (long y : doubled) {
        if (y != 2 * expected) throw std::runtime_error(fmt::format("got {} at {}", y, expected));
        ++expected;
    }
    fmt::print("{} items exactly once, in order, after {} worker deaths\n", expected, deaths.load());
}
