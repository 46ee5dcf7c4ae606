// The file ends in the middle of a stage header.
queue numbers: long

stage produce() -> numbers { emit(1L); }
stage consume(numbers) ->  // expected-error:26 {{expected a queue name after '->' in a stage header, found end of file}}
