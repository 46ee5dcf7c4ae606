// A CPU-bound unordered pool: count the primes below a bound, block by block.
// Compare `--workers count_primes=1` with `=2` to see the speed-up (bench/examples).
include <algorithm>

/// Count the primes below this number.
param limit: long = 2000000
/// Numbers per work item.
param block: long = 20000

cpp {
bool is_prime(long n) {
    if (n < 2) return false;
    if (n % 2 == 0) return n == 2;
    for (long d = 3; d * d <= n; d += 2)
        if (n % d == 0) return false;
    return true;
}
}

queue ranges: std::pair<long, long>
queue found: long

stage split() -> ranges {
    for (long low = 0; low < limit; low += block) emit(std::pair{low, std::min(low + block, limit)});
}

pool count_primes[2](range: ranges) -> found unordered {
    long primes = 0;
    for (long n = range.first; n < range.second; ++n) primes += is_prime(n);
    emit(primes);
}

stage total(found) {
    long sum = 0;
    for (long primes : found) sum += primes;
    fmt::print("{} primes below {}\n", sum, limit);
}
