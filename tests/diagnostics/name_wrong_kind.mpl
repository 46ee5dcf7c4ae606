// A stage's name where a queue belongs.
queue numbers: long

stage produce() -> numbers { emit(1L); }  // expected-note:7 {{'produce' is declared here}}
stage consume(produce) { }  // expected-error:15 {{'produce' is a stage, not a queue}}
