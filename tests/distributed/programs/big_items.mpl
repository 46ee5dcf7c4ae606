// Encoded items longer than their queue's ring, crossing ranks (docs/distributed.md,
// "Transport and flow control"): strings of growing size through capacity-2 queues and
// an ordered pool on every rank; the sink checks order, size and content.
include <string>

param n: long = 300
param size: long = 5000
queue in: std::string capacity 2
queue out: std::string capacity 2

stage source() -> in {
    for (long i = 0; i < n; ++i) in.push(std::string(size + i * 37, char('a' + i % 26)));
}
pool work[1](x: in) -> out {
    std::string y = x;
    for (auto& c : y) c = static_cast<char>(c - 'a' + 'A');
    emit(y);
}
stage sink(out) {
    long count = 0, bad = 0, bytes = 0;
    for (const std::string& v : out) {
        if (static_cast<long>(v.size()) != size + count * 37 || v.front() != char('A' + count % 26) ||
            v.back() != v.front())
            ++bad;
        bytes += static_cast<long>(v.size());
        ++count;
    }
    fmt::print("items {} bytes {} bad {}\n", count, bytes, bad);
}
