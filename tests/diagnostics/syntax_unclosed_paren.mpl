// The error names the line of the '(' it cannot close, and a note points at it. The
// ')' is missing at the end of the line, so that is where the error points.
queue numbers: long

stage produce() -> numbers { emit(1L); }
stage consume(numbers  // expected-error:22 {{expected ')' to close '(' at line 6, found a C++ block '{ … }'}}
    { }  // expected-note@-1:14 {{to match this '('}}
