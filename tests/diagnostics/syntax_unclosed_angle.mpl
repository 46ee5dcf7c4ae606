// An unclosed template argument list.
queue pairs: std::pair<int, double capacity 8  // expected-error:36 {{expected '>' to close '<' at line 2, found 'capacity'}}
// expected-note@-1:23 {{to match this '<'}}
