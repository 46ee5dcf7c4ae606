// A stage runs as at least one process.
queue numbers: long

stage produce[0]() -> numbers { emit(1L); }  // expected-error:15 {{replica count of stage 'produce' must be a positive integer, not 0}}
stage consume(numbers) { }
