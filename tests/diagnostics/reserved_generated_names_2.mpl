// Names every body or the generated main() already uses, in every kind of declaration (2 of 5).
param emit: long = 1  // expected-error:7 {{'emit' is reserved and cannot name a param (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
shared index: long = 0  // expected-error:8 {{'index' is reserved and cannot name a shared value (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
queue replicas: long  // expected-error:7 {{'replicas' is reserved and cannot name a queue (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
stage mpl_x() -> replicas { emit(1L); }  // expected-error:7 {{'mpl_x' is reserved and cannot name a stage (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
pool main(x: replicas) { (void)x; }  // expected-error:6 {{'main' is reserved and cannot name a pool (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
