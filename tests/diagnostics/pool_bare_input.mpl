// A bare queue name is the whole-body form, which a pool does not have.
queue numbers: long
queue squares: long

stage produce() -> numbers { emit(1L); }
pool square[4](numbers) -> squares { }  // expected-error:16 {{pool 'square' needs a per-item input: write 'x: numbers' instead of 'numbers'}}
stage report(squares) { }
