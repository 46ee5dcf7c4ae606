// A floating literal does not fit an integral param.
param width: int = 2.5  // expected-error:20 {{default value 2.5 does not match the type 'int' of param 'width'; expected an integer}}
