// A capacity naming a param that does not exist; a close one is suggested.
param qsize: long = 64
queue numbers: long capacity qsise  // expected-error:30 {{capacity of queue 'numbers' names 'qsise', which is not declared; did you mean param 'qsize'?}}

stage produce() -> numbers { emit(1L); }
stage consume(numbers) { }
