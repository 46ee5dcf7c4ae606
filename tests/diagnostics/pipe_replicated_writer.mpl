// One stage, but replicated: two writing processes.
pipe control: int  // expected-note:6 {{pipe 'control' is declared here}}

stage source[2]() -> control { emit(index); }  // expected-error:22 {{pipe 'control' needs exactly one writer process, but 'source' runs as 2 processes}}
stage sink(control) { }
