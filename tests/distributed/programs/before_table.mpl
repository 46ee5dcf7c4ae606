// State that before{} sets up is there for the stages of every rank
// (docs/distributed.md, "Placement"): a table in a global, read by a pool on every rank.
include <vector>

param n: long = 20000
queue in: long capacity 64
queue out: long capacity 64

cpp {
std::vector<long> table;
}

before {
    for (long i = 0; i < 1000; ++i) table.push_back(i * i);
}

stage source() -> in {
    for (long i = 0; i < n; ++i) in.push(i);
}
pool work[2](x: in) -> out unordered {
    emit(table.size() == 1000 ? table[x % 1000] : -1);
}
stage sink(out) {
    long sum = 0, missing = 0;
    for (long v : out) {
        if (v < 0) ++missing;
        else sum += v;
    }
    fmt::print("sum {} missing {}\n", sum, missing);
}
