// A pool runs its body once per item: it needs an input to take items from.
queue out: long

pool generate[4]() -> out { emit(1L); }  // expected-error:17 {{pool 'generate' has no input; a pool needs one per-item input, written 'x: queue'}}
stage sink(out) { }
