// A reserved word cannot name a declaration.
queue stage: long  // expected-error:7 {{expected a name after 'queue' in a queue declaration, found 'stage' ('stage' is a reserved word and cannot be a name)}}
