// A '}' outside any C++ block, here left over after a body.
queue numbers: long

stage produce() -> numbers { emit(1L); }
}  // expected-error:1 {{'}' does not close any '{'}}
stage consume(numbers) { }
