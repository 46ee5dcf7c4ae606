// Written, never read: the items would fill the queue and block the writer forever.
queue results: long  // expected-error:7 {{queue 'results' is written by 'produce' but no stage reads it}}

stage produce() -> results { emit(1L); }  // expected-note:20 {{written here}}
