// A count may name a param, but only an integral one.
param workers_per_cpu: double = 1.5  // expected-note:7 {{'workers_per_cpu' is declared here}}
queue numbers: long

stage produce() -> numbers { emit(1L); }
pool square[workers_per_cpu](x: numbers) { (void)x; }  // expected-error:13 {{replica count of pool 'square' must be a positive integer or an integral param; param 'workers_per_cpu' has type 'double'}}
