// A retry count is a positive integer literal.
queue numbers: long

stage produce() -> numbers { emit(1L); }
pool work[2](x: numbers) retry -1 { (void)x; }  // expected-error:32 {{expected a positive integer after 'retry' in a pool header, found '-'}}
