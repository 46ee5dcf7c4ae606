// retry 0 retries nothing: leave the option out instead.
queue numbers: long

stage produce() -> numbers { emit(1L); }
pool work[2](x: numbers) retry 0 { (void)x; }  // expected-error:26 {{retry count of pool 'work' must be a positive integer, not 0}}
