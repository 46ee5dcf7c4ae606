// A stage's parentheses are written even when it has no inputs.
queue numbers: long

stage produce -> numbers { emit(1L); }  // expected-error:15 {{expected '(' or '[' after 'produce' in a stage header, found '->' (a stage's parentheses are always written, even when empty)}}
stage consume(numbers) { }
