// A misspelt keyword at the top level: the closest keyword is suggested.
queue numbers: long

stag produce() -> numbers { emit(1L); }  // expected-error:1 {{expected a declaration (include, cpp, param, queue, pipe, shared, stage, pool, before or after), found 'stag'; did you mean 'stage'?}}
stage consume(numbers) { }
