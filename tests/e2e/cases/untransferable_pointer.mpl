// A pointer is trivially copyable but means nothing in another process: it once
// compiled and delivered garbage addresses.
queue ptrs: long*

stage produce() -> ptrs {
    static long value = 42;
    emit(&value);
}

stage consume(ptrs) {
    for (long *p : ptrs) (void)p;
}
