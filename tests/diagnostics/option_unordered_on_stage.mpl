// `unordered` on a whole-body stage.
queue numbers: long

stage produce() -> numbers { emit(1L); }
stage consume(numbers) unordered { }  // expected-error:24 {{'unordered' applies only to pools, but 'consume' is a stage}}
