// emit() in a stage with no output queue, or with several: --check (and so the
// editor) reports what the C++ compiler would reject. Strings, comments and members
// named emit do not count; a body that declares an emit of its own is left alone.
cpp { struct Logger { void emit(long) {} }; }

queue numbers: long
queue evens: long
queue odds: long

stage produce() -> numbers { for (long i = 0; i < 4; ++i) emit(i); }

stage sink(numbers) {
    // emit(x) in a comment is not a call
    const char *text = "emit(1)";
    Logger logger;
    for (long x : numbers) logger.emit(x);
    emit (text[0]);  // expected-error:5 {{stage 'sink' has no output queue, so emit() has nowhere to go; add '-> QUEUE' to its header}}
    emit(2);
}

stage split() -> evens, odds { emit(1L); }  // expected-error:32 {{stage 'split' has 2 outputs, so emit() is ambiguous; write evens.push(v) or odds.push(v) instead}}

stage drain(evens, odds) { for (long x : evens) (void)x; for (long x : odds) (void)x; }

stage own_emit() {
    auto emit = [](long x) { (void)x; };
    emit(1);
}
