// Names every body or the generated main() already uses, in every kind of declaration (3 of 5).
param index: long = 1  // expected-error:7 {{'index' is reserved and cannot name a param (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
shared replicas: long = 0  // expected-error:8 {{'replicas' is reserved and cannot name a shared value (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
queue mpl_x: long  // expected-error:7 {{'mpl_x' is reserved and cannot name a queue (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
stage main() -> mpl_x { emit(1L); }  // expected-error:7 {{'main' is reserved and cannot name a stage (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
pool emit(x: mpl_x) { (void)x; }  // expected-error:6 {{'emit' is reserved and cannot name a pool (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
