// A character that means nothing in MPL declarations.
queue numbers: long @ 16  // expected-error:21 {{unexpected character '@' in MPL declarations}}
