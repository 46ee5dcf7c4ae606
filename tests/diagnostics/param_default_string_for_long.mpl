// The default must be a literal of the param's type.
param count: long = "five"  // expected-error:21 {{default value "five" does not match the type 'long' of param 'count'; expected an integer}}
