// A queue no stage uses is most likely a leftover: a warning, not an error.
queue numbers: long
queue spare: double capacity 16  // expected-warning:7 {{queue 'spare' is declared but no stage uses it}}

stage produce() -> numbers { emit(1L); }
stage consume(numbers) { }
