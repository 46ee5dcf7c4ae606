// The item of a per-item body cannot take a name the body already has.
queue numbers: long

stage produce() -> numbers { emit(1L); }
pool square[2](replicas: numbers) { (void)replicas; }  // expected-error:16 {{'replicas' is reserved and cannot name the item of pool 'square'}}
