// A type does not swallow the next line's misspelt keyword: `long qeueu` is no type.
queue numbers: long
qeueu squares: long  // expected-error:1 {{found 'qeueu'; did you mean 'queue'?}}
