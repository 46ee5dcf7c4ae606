// The same option twice: which retry count would count?
queue numbers: long

stage produce() -> numbers { emit(1L); }
pool work[2](x: numbers) retry 2 retry 5 { (void)x; }  // expected-error:34 {{'retry' is given twice for pool 'work'}}
// expected-note@-1:26 {{first given here}}
