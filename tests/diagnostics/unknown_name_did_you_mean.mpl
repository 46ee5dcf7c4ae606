// An output naming a queue that is not declared, close to one that is.
queue numbers: long

stage produce() -> nmbers { emit(1L); }  // expected-error:20 {{queue 'nmbers' is not declared; did you mean 'numbers'?}}
stage consume(numbers) { for (long n : numbers) (void)n; }
