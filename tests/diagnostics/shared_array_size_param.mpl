// A shared array's size is part of its C++ type: a literal, not a param.
param bins: long = 16
shared histogram: long[bins]  // expected-error:24 {{the size of shared array 'histogram' must be an integer literal: it is part of the array's C++ type}}
