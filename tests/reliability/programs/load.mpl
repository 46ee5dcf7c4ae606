// Load (tests/reliability/reliability.py load): 64 processes on MPMC queues move
// --items items; sums over every item prove that none was lost or duplicated.
include <array>

param items: long = 1000000

cpp {
using item = std::array<unsigned long, 7>;  // 56 bytes: index, then a check word per hop
constexpr unsigned long mix(unsigned long x) {
    x ^= x >> 31; x *= 0x7fb5d329728ea185UL; x ^= x >> 27; x *= 0x81dadef4bc2dd44dUL; return x ^ (x >> 33);
}
constexpr long capacity = 1 << 16;
}

queue raw: item capacity 65536
queue stepped: item capacity 65536
queue done: item capacity 65536

shared count: long = 0
shared sum: unsigned long = 0
shared hashes: unsigned long = 0

stage produce[8]() -> raw {
    for (long i = index; i < items; i += replicas) emit(item{static_cast<unsigned long>(i), mix(i)});
}

pool first[24](x: raw) -> stepped unordered {
    item y = x;
    y[2] = mix(y[1]);
    emit(y);
}

pool second[24](x: stepped) -> done unordered {
    item y = x;
    y[3] = mix(y[2]);
    emit(y);
}

stage collect[8](done) {
    long n = 0;
    unsigned long s = 0, h = 0;
    for (const item &x : done) {
        if (x[1] != mix(x[0]) || x[2] != mix(x[1]) || x[3] != mix(x[2]))
            throw std::runtime_error(fmt::format("item {} corrupted", x[0]));
        ++n, s += x[0], h += x[3];
    }
    count += n;
    sum += s;
    hashes += h;
}

after {
    unsigned long n = items, expected_sum = n * (n - 1) / 2, expected_hashes = 0;
    for (unsigned long i = 0; i < n; ++i) expected_hashes += mix(mix(mix(i)));
    if (count.load() != items || sum.load() != expected_sum || hashes.load() != expected_hashes)
        throw std::runtime_error(fmt::format("{} items, sum {}, hash {}: expected {}, {}, {}", count.load(),
                                             sum.load(), hashes.load(), items, expected_sum, expected_hashes));
    fmt::print("{} items through 64 processes, checksum ok; declared {} bytes\n", items,
               3 * capacity * sizeof(item));
}
