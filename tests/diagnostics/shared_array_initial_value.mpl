// A shared array starts zeroed, like multiprocessing.Array.
shared histogram: long[16] = 1  // expected-error:30 {{shared array 'histogram' cannot have an initial value: it starts zero-initialised}}
