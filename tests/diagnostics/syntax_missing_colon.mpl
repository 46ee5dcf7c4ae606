// A param's name and type are separated by ':'.
param count long = 5  // expected-error:13 {{expected ':' after 'count' in a param declaration, found 'long'}}
