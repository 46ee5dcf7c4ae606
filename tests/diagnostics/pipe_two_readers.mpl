// Two stages read one pipe.
pipe events: long  // expected-note:6 {{pipe 'events' is declared here}}

stage source() -> events { emit(1L); }
stage first(events) { }  // expected-note:13 {{'first' also reads it here}}
stage second(events) { }  // expected-error:14 {{pipe 'events' needs exactly one reader process, but 2 stages read it; declare it as a queue for many readers}}
