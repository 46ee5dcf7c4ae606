// Names the generated C++ once used itself: a queue named run (the body's run()), a
// param named argc (main's parameter: --argc=7 printed 3) and a shared value named argv.
param argc: long = 3
shared argv: long = 40
queue run: long

stage produce() -> run { for (long i = 1; i <= argc; ++i) emit(i); }
stage consume(run) {
    long sum = 0;
    for (long x : run) sum += x;
    fmt::print("argc={} sum={} argv={}\n", argc, sum, argv.load());
}
