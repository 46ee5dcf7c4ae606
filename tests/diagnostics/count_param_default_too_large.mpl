// A param's default is what runs unless the command line says otherwise.
param width: long = 5000

queue numbers: long capacity width

stage produce() -> numbers { emit(1L); }
stage consume[width](numbers) { }  // expected-error:15 {{replica count of stage 'consume' is param 'width', whose default 5000 is out of range: it must be 1 to 4096}}
// expected-note@2:21 {{default of 'width' is here}}
