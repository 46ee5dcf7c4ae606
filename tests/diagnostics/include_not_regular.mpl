// mplc checks the includes it can resolve before g++ reads them: /dev/zero never ends,
// a FIFO blocks, a folder is no header.
include "/dev/zero"  // expected-error:1 {{included file '/dev/zero' is a character device, not a regular file; mplc reads sources from regular files only}}
include "."  // expected-error:1 {{included file '.' is a directory, not a regular file}}
include <vector>

queue numbers: long
stage produce() -> numbers { emit(1L); }
stage consume(numbers) { }
