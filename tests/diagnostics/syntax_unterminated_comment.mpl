// The error points at the '/*' that is never closed.
queue numbers: long

// expected-error@+1:1 {{unterminated /* comment}}
/* stage produce() -> numbers { emit(1L); }
stage consume(numbers) { }
