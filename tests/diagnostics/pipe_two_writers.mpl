// A pipe joins one writing process to one reading process.
pipe control: int  // expected-note:6 {{pipe 'control' is declared here}}

stage left() -> control { emit(1); }  // expected-note:17 {{'left' also writes it here}}
stage right() -> control { emit(2); }  // expected-error:18 {{pipe 'control' needs exactly one writer process, but 2 stages write it; declare it as a queue for many writers}}
stage sink(control) { }
