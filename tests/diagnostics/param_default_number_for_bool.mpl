// A bool param takes true or false, not a number as in C.
param verbose: bool = 1  // expected-error:23 {{default value 1 does not match the type 'bool' of param 'verbose'; expected true or false}}
