// A queue with room for no item could never pass one on.
queue numbers: long capacity 0  // expected-error:30 {{capacity of queue 'numbers' must be a positive integer, not 0}}

stage produce() -> numbers { emit(1L); }
stage consume(numbers) { }
