// A replica count naming a queue instead of a param.
queue numbers: long  // expected-note:7 {{'numbers' is declared here}}

stage produce() -> numbers { emit(1L); }
stage consume[numbers](numbers) { }  // expected-error:15 {{replica count of stage 'consume' must be a positive integer or the name of an integral param, but 'numbers' is a queue}}
