// `index` is what every body calls its replica number.
queue index: long  // expected-error:7 {{'index' is reserved and cannot name a queue}}

stage produce() -> index { emit(1L); }
stage consume(index) { }
