// `ordered` orders a pool's results; a pool with no output has none.
queue jobs: long

stage source() -> jobs { emit(1L); }
pool work[2](job: jobs) ordered { (void)job; }  // expected-error:25 {{ordered pool 'work' must have exactly one output, but it has 0; use 'unordered'}}
