// At most one `after` block runs in the supervisor.
shared hits: long = 0

after { fmt::print("{}\n", hits.load()); }  // expected-note:1 {{first 'after' block is here}}

after { }  // expected-error:1 {{duplicate 'after' block; a program has at most one}}
