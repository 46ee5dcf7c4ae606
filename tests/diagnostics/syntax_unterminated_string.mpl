// A string literal must end on its line.
// expected-error@+1:31 {{missing terminating '"' character}}
param greeting: std::string = "hello
