// A pool is ordered or unordered, not both.
queue numbers: long
queue squares: long

stage produce() -> numbers { emit(1L); }
pool square[2](x: numbers) -> squares ordered unordered { emit(x * x); }  // expected-error:47 {{'unordered' conflicts with 'ordered' on pool 'square'; a pool is either ordered or unordered}}
// expected-note@-1:39 {{first given here}}
stage report(squares) { }
