// A shared array's size is part of its C++ type; more than 2^30 elements is refused.
shared histogram: long[2000000000]  // expected-error:24 {{size of shared array 'histogram' is 2000000000, out of range: it must be 1 to 2^30 (1073741824)}}

queue numbers: long
stage produce() -> numbers { emit(1L); }
stage consume(numbers) { histogram[0] = 1; }
