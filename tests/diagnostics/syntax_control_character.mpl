// A control byte in the source is shown escaped, never sent to the terminal as is.
queue numbers: long [31m  // expected-error:21 {{unexpected character '\x1b' in MPL declarations}}
