stage source() -> itms { emit(1L); }  // expected-error:19 {{queue 'itms' is not declared}}
// A UTF-8 byte order mark starts this file: editors hide it, and no column counts it.
queue items: long
stage sink(itemz) { for (auto x : itemz) (void)x; }  // expected-error:12 {{queue 'itemz' is not declared}}
