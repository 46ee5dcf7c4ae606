// A count param whose default would start no process at all.
param width: long = 0  // expected-note:21 {{default of 'width' is here}}
queue numbers: long

stage produce() -> numbers { emit(1L); }
stage consume[width](numbers) { }  // expected-error:15 {{replica count of stage 'consume' is param 'width', whose default 0 is not a positive integer}}
