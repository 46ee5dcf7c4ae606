// Source files are UTF-8; the error points at the first byte that is not.
queue numbers: long
// expected-error@+1:15 {{invalid UTF-8 in source file; MPL files must be UTF-8 text}}
param label: sÿþtring
