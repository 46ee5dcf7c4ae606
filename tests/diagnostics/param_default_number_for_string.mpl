// A string param's default is written in quotes.
param name: std::string = 42  // expected-error:27 {{default value 42 does not match the type 'std::string' of param 'name'; expected a string literal}}
