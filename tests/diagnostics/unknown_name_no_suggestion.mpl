// An input naming nothing declared and nothing close: no "did you mean".
queue numbers: long

stage produce() -> numbers { emit(1L); }
stage consume(numbers, totals) { }  // expected-error:24 {{queue 'totals' is not declared}}
