// '=' promises a default value.
param count: long =  // expected-error:20 {{expected a value (a number, a string, true or false) after '=' in a param declaration, found 'queue'}}
queue numbers: long
