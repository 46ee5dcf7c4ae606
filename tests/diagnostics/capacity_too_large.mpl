// The runtime refuses a capacity above 2^30 when the program starts; mplc says so first.
queue numbers: long capacity 2000000000  // expected-error:30 {{capacity of queue 'numbers' is 2000000000, out of range: it must be 1 to 2^30 (1073741824)}}

stage produce() -> numbers { emit(1L); }
stage consume(numbers) { }
