// Names every body or the generated main() already uses, in every kind of declaration (1 of 5).
param main: long = 1  // expected-error:7 {{'main' is reserved and cannot name a param (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
shared emit: long = 0  // expected-error:8 {{'emit' is reserved and cannot name a shared value (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
queue index: long  // expected-error:7 {{'index' is reserved and cannot name a queue (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
stage replicas() -> index { emit(1L); }  // expected-error:7 {{'replicas' is reserved and cannot name a stage (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
pool mpl_x(x: index) { (void)x; }  // expected-error:6 {{'mpl_x' is reserved and cannot name a pool (C++ keywords, main, index, replicas, emit and names starting with 'mpl_' are taken)}}
