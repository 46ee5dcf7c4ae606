// A C++ habit: MPL declarations need no semicolon.
queue numbers: long;  // expected-error:20 {{unexpected ';': MPL declarations end without semicolons}}
