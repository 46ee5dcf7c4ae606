// MPL declarations have no character literals; one error for the literal.
param separator: char = ','  // expected-error:25 {{unexpected character ''' in MPL declarations: MPL has no character literals (a char param's default is a number, e.g. 44 for ',')}}
