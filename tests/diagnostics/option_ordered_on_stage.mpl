// Ordering is a pool's: a stage's results are already in its own order.
queue numbers: long

stage produce() -> numbers ordered { emit(1L); }  // expected-error:28 {{'ordered' applies only to pools, but 'produce' is a stage}}
stage consume(numbers) { }
