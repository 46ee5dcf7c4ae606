// Results in input order make sense on one output only.
queue jobs: long
queue evens: long
queue odds: long

stage source() -> jobs { emit(1L); }
pool split[2](n: jobs) -> evens, odds ordered {  // expected-error:39 {{ordered pool 'split' must have exactly one output, but it has 2; use 'unordered'}}
    if (n % 2 == 0) evens.push(n); else odds.push(n);
}
stage sink(evens, odds) { }
