// A stage header with no body; the next declaration begins where it should be.
queue numbers: long

stage produce() -> numbers  // expected-error:27 {{expected the body '{ … }' after 'numbers' in a stage header, found 'stage'}}
stage consume(numbers) { }
