// An unclosed '[' of a replica count.
queue numbers: long

stage produce[4() -> numbers { emit(1L); }  // expected-error:16 {{expected ']' to close '[' at line 4, found '('}}
// expected-note@-1:14 {{to match this '['}}
stage consume(numbers) { }
