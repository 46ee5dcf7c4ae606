// Names every body or the generated main() already uses, in every kind of declaration (5 of 5).
param mpl_x: long = 1  // expected-error:7 {{'mpl_x' is reserved and cannot name a param (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
shared main: long = 0  // expected-error:8 {{'main' is reserved and cannot name a shared value (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
queue emit: long  // expected-error:7 {{'emit' is reserved and cannot name a queue (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
stage index() -> emit { emit(1L); }  // expected-error:7 {{'index' is reserved and cannot name a stage (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
pool replicas(x: emit) { (void)x; }  // expected-error:6 {{'replicas' is reserved and cannot name a pool (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
