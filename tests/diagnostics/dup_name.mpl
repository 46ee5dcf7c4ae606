queue items: long   // expected-note:7 {{'items' was first declared here}}
param items: long = 3  // expected-error:7 {{duplicate name 'items'}}

stage source() -> items { emit(1L); }
stage sink(items) { for (auto x : items) (void)x; }
