// The runtime runs at most 4096 replicas of a stage; mplc refuses more at the literal.
queue numbers: long

stage produce[99999999999]() -> numbers { emit(1L); }  // expected-error:15 {{replica count of stage 'produce' is 99999999999, out of range: it must be 1 to 4096}}
pool work[5000](x: numbers) { (void)x; }  // expected-error:11 {{replica count of pool 'work' is 5000, out of range: it must be 1 to 4096}}
