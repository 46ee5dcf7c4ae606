// Names every body or the generated main() already uses, in every kind of declaration (4 of 5).
param replicas: long = 1  // expected-error:7 {{'replicas' is reserved and cannot name a param (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
shared mpl_x: long = 0  // expected-error:8 {{'mpl_x' is reserved and cannot name a shared value (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
queue main: long  // expected-error:7 {{'main' is reserved and cannot name a queue (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
stage emit() -> main { emit(1L); }  // expected-error:7 {{'emit' is reserved and cannot name a stage (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
pool index(x: main) { (void)x; }  // expected-error:6 {{'index' is reserved and cannot name a pool (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
