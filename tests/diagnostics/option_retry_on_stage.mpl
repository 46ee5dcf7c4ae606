// `retry` on a per-item stage: a pool would do what is asked.
queue numbers: long

stage produce() -> numbers { emit(1L); }
stage consume(n: numbers) retry 3 { (void)n; }  // expected-error:27 {{'retry' applies only to pools, but 'consume' is a stage; declare it with 'pool' to spread its items over workers}}
