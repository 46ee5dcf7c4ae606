// At most one `before` block runs in the supervisor.
before { fmt::print("starting\n"); }  // expected-note:1 {{first 'before' block is here}}
before { fmt::print("starting again\n"); }  // expected-error:1 {{duplicate 'before' block; a program has at most one}}
