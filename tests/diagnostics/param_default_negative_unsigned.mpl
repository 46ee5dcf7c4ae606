// A negative default for an unsigned param would wrap around.
param limit: unsigned long = -1  // expected-error:30 {{default value -1 is negative, but param 'limit' has the unsigned type 'unsigned long'}}
