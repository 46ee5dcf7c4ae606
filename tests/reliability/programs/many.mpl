// Many processes (promises.py fork-fail): when fork fails part-way, one error line, the
// processes started so far stopped, status 1.
param copies: long = 50
queue q: long
stage s[copies]() -> q { emit(index); }
stage sink(q) { long n = 0; for (long x : q) { (void)x; ++n; } fmt::print("{} items\n", n); }
