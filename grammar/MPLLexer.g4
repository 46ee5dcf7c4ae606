// MPL tokens (docs/language.md, "Lexical structure"). A `{` anywhere starts a C++ block that is one token up to its
// matching `}`; braces inside C++ string/character literals and comments do not count.
lexer grammar MPLLexer;

channels { DOC }

// A `{` that reaches the end of the file: reported at its opening brace.
tokens { UNTERMINATED_CPP_BLOCK }

@lexer::members {
  // Reads a C++ block after its `{` up to the matching `}`, skipping string and
  // character literals (with prefixes, and raw strings), comments and numbers with digit
  // separators (1'000), so that no brace inside them counts. Written by hand because a
  // lexer rule cannot say "a `'` after a digit is not a quote" or "a `//` comment ends
  // only at the end of its line" without letting some other reading of the same text
  // (a shorter comment, a `'` opening a character literal) unbalance the braces.
  void scanCppBlock() {
    int depth = 1;
    while (depth > 0) {
      size_t c = _input->LA(1);
      if (c == EOF) {
        setType(UNTERMINATED_CPP_BLOCK);
        return;
      }
      if (c == '{') ++depth, take();
      else if (c == '}') --depth, take();
      else if (c == '"' || c == '\'') skipQuoted(c);
      else if (c == '/' && _input->LA(2) == '/') skipUntil("\n");
      else if (c == '/' && _input->LA(2) == '*') take(), take(), skipUntil("*/");
      else if (isWordStart(c)) skipWord();
      else if (isDigit(c) || (c == '.' && isDigit(_input->LA(2)))) skipNumber();
      else take();
    }
  }

private:
  static bool isDigit(size_t c) { return c >= '0' && c <= '9'; }
  static bool isWordStart(size_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  static bool isWordPart(size_t c) { return isWordStart(c) || isDigit(c); }

  void take() { getInterpreter<antlr4::atn::LexerATNSimulator>()->consume(_input); }

  // "…" or '…'; a literal left open at the end of its line is the C++ compiler's to report.
  void skipQuoted(size_t quote) {
    take();
    for (size_t c; (c = _input->LA(1)) != EOF && c != '\n';) {
      take();
      if (c == quote) return;
      if (c == '\\' && _input->LA(1) != EOF) take();
    }
  }

  // Up to and including `end` (or the end of the file).
  void skipUntil(const std::string &end) {
    while (_input->LA(1) != EOF) {
      bool found = true;
      for (size_t i = 0; i < end.size() && found; ++i)
        found = _input->LA(static_cast<ssize_t>(i + 1)) == static_cast<size_t>(end[i]);
      if (found) {
        for (size_t i = 0; i < end.size(); ++i) take();
        return;
      }
      take();
    }
  }

  // A name; one ending in R before `"` is a raw string's prefix: R"delim( … )delim".
  void skipWord() {
    std::string word;
    while (isWordPart(_input->LA(1))) word += static_cast<char>(_input->LA(1)), take();
    bool rawPrefix = word == "R" || word == "LR" || word == "uR" || word == "UR" || word == "u8R";
    if (!rawPrefix || _input->LA(1) != '"') return;
    take();
    std::string delimiter;
    for (size_t c; (c = _input->LA(1)) != EOF && c != '(' && delimiter.size() <= 16;)
      delimiter += static_cast<char>(c), take();
    skipUntil(")" + delimiter + "\"");
  }

  // A pp-number: digits, letters, `.`, digit separators and exponent signs (1e+5).
  void skipNumber() {
    take();
    for (;;) {
      size_t c = _input->LA(1);
      if (isWordPart(c) || c == '.') {
        take();
        if ((c == 'e' || c == 'E' || c == 'p' || c == 'P') &&
            (_input->LA(1) == '+' || _input->LA(1) == '-'))
          take();
      } else if (c == '\'' && isWordPart(_input->LA(2))) {
        take(), take();
      } else {
        return;
      }
    }
  }

public:
}

// Keywords (docs/language.md, "Lexical structure"; compiler/parse/Keywords.h reads this list).
INCLUDE   : 'include' -> pushMode(HEADER);
CPP       : 'cpp';
PARAM     : 'param';
QUEUE     : 'queue';
PIPE      : 'pipe';
SHARED    : 'shared';
STAGE     : 'stage';
POOL      : 'pool';
BEFORE    : 'before';
AFTER     : 'after';
CAPACITY  : 'capacity';
ORDERED   : 'ordered';
UNORDERED : 'unordered';
RETRY     : 'retry';
TRUE      : 'true';
FALSE     : 'false';

// C++'s built-in type words and cv-qualifiers, so that a type knows where it ends:
// `unsigned long` is one type, but in `queue q: long` + `stag a()` the `stag` is not.
TYPE_WORD : 'unsigned' | 'signed' | 'short' | 'long' | 'int' | 'char' | 'float' | 'double'
          | 'bool' | 'void' | 'wchar_t' | 'char8_t' | 'char16_t' | 'char32_t';
CV        : 'const' | 'volatile';

CPP_BLOCK : '{' { scanCppBlock(); };

ARROW     : '->';
SCOPE     : '::';
COLON     : ':';
COMMA     : ',';
ASSIGN    : '=';
LPAREN    : '(';
RPAREN    : ')';
LBRACKET  : '[';
RBRACKET  : ']';
LANGLE    : '<';
RANGLE    : '>';
STAR      : '*';
AMP       : '&';
MINUS     : '-';
PLUS      : '+';
RBRACE    : '}';

FLOAT     : Digits '.' Digits? Exponent? | '.' Digits Exponent? | Digits Exponent;
INT       : Digits | '0' [xX] HexDigit ('\''? HexDigit)*;
STRING    : '"' (~["\\\r\n] | '\\' .)* '"';
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' .)*;
IDENT     : [a-zA-Z_] [a-zA-Z_0-9]*;

DOC_COMMENT  : '///' ~[\r\n]* -> channel(DOC);
LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;
WS        : [ \t\r\n\f]+ -> channel(HIDDEN);
// Anything else is one bad character, reported by the parser in MPL's words.
BAD_CHAR  : .;

// Digit separators only between digits, as in C++: 1'000'000.
fragment Digits   : [0-9] ('\''? [0-9])*;
fragment HexDigit : [0-9a-fA-F];
fragment Exponent : [eE] [+-]? [0-9]+;

// After `include`: one header name, <…> or "…".
mode HEADER;
HEADER_WS      : [ \t]+ -> channel(HIDDEN);
ANGLE_HEADER   : '<' ~[>\r\n]+ '>' -> popMode;
QUOTED_HEADER  : '"' ~["\r\n]+ '"' -> popMode;
HEADER_OTHER   : . -> type(BAD_CHAR), popMode;
