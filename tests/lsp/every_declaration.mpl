include <cmath>

cpp {
    inline long twice(long v) { return 2 * v; }
}

/// How many numbers to produce.
param count: long = 5
param width: int = 2
param label: std::string

queue numbers: long capacity width
queue squares: long
pipe sink_in: long

shared total: long = 0
shared seen: long[4]
shared start: double = { 0.5 }

before { total.store(0); }
after { fmt::print("{} {}\n", total.load(), label); }

stage produce[2]() -> numbers {
    for (long i = 1; i <= count; ++i) emit(twice(i));  // count is a param
}

pool square[width](x: numbers) -> squares ordered retry 2 {
    const char *s = "numbers, x"; (void)s;
    emit(x * x);
}

stage forward(squares) -> sink_in {
    for (long v : squares) { seen[index % 4] += 1; emit(v); }
}

stage report(sink_in) {
    /* “total” in a comment */ std::string é = "😀"; for (long v : sink_in) total += v;
}
