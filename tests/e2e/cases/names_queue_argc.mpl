// A queue named argc (once a local of main next to its parameter argc), a param named
// argv and a shared value named run.
param argv: std::string = "x"
shared run: long = 0
queue argc: long

stage produce() -> argc { emit(2L); emit(3L); }
stage consume(argc) {
    for (long x : argc) run += x;
    fmt::print("argv={} run={}\n", argv, run.load());
}
