// Two stages with one name; the note points at the first.
queue numbers: long

stage worker() -> numbers { emit(1L); }  // expected-note:7 {{'worker' was first declared here}}
stage worker(numbers) { }  // expected-error:7 {{duplicate name 'worker': a stage named 'worker' is already declared}}
