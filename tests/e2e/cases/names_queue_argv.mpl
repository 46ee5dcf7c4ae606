// A queue named argv, a param named run and a shared array named argc.
param run: int = 2
shared argc: long[2]
queue argv: std::string

stage produce() -> argv { for (int i = 0; i < run; ++i) emit(std::to_string(i)); }
stage consume(argv) {
    for (const std::string &s : argv) {
        argc[0] += 1;
        fmt::print("{}\n", s);
    }
    fmt::print("count={}\n", argc[0].load());
}
