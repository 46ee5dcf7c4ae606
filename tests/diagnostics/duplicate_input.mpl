// One queue listed twice among a stage's inputs.
queue numbers: long

stage produce() -> numbers { emit(1L); }
stage consume(numbers, numbers) { }  // expected-error:24 {{queue 'numbers' is listed twice among the inputs of stage 'consume'}}
