// The runtime counts retries in an int: 2^32 once wrapped to 0 and turned retry off.
queue numbers: long

stage produce() -> numbers { emit(1L); }
pool work[2](x: numbers) retry 4294967296 { (void)x; }  // expected-error:32 {{retry count of pool 'work' is 4294967296, out of range: it must be 1 to 1000000}}
