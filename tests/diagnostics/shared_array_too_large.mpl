// A shared array's size is part of its C++ type; more than 2^40 elements is refused
// (whether the machine can map a smaller one is the run's business: status 2).
shared histogram: long[2000000000000]  // expected-error:24 {{size of shared array 'histogram' is 2000000000000, out of range: it must be 1 to 2^40 (1099511627776)}}
