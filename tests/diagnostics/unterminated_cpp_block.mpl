// The error points at the brace that is never closed, not at the end of the file.
// Braces in strings, character literals and comments inside do not count.
queue lines: std::string

stage produce() -> lines {  // expected-error:26 {{unterminated C++ block: no '}' closes this '{'}}
    std::string open = "{ not a brace }";
    char close = '}';
    // a } in a comment
    /* and { another */
    for (int i = 0; i < 3; ++i) {
        emit(open);
    // the loop's '}' is missing
}

stage consume(lines) { }
