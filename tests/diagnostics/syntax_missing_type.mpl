// The type is missing; the error is at the end of the line, where it belongs.
queue numbers:  // expected-error:15 {{expected a type after ':' in a queue declaration, found 'stage'}}

stage produce() -> numbers { emit(1L); }
