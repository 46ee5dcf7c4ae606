// A shared value's literal initial value must fit its type, as a param's default does.
shared done: bool = 0  // expected-error:21 {{initial value 0 does not match the type 'bool' of shared value 'done'; expected true or false}}
