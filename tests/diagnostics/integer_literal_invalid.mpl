// Integer literals are C++'s: a leading 0 means octal, and a count must fit 64 bits.
param mode: int = 0755
param day: int = 08  // expected-error:18 {{integer literal '08' is not valid: a leading 0 makes it octal}}
queue numbers: long capacity 99'999'999'999'999'999'999  // expected-error:30 {{integer literal '99'999'999'999'999'999'999' is too large}}
