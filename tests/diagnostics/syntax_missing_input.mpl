// A comma with no input before it.
queue numbers: long

stage produce() -> numbers { emit(1L); }
stage consume(, numbers) { }  // expected-error:15 {{expected ')' or an input ('queue' or 'x: queue') after '(' in a stage header, found ','}}
