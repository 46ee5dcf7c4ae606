// MPL tokens (spec §2). A `{` anywhere starts a C++ block that is one token up to its
// matching `}`; braces inside C++ string/character literals and comments do not count.
lexer grammar MPLLexer;

channels { DOC }

// Keywords (reserved words of spec §2).
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

CPP_BLOCK : '{' CppContent* '}';
// A block that reaches the end of the file: reported at its opening brace.
UNTERMINATED_CPP_BLOCK : '{' CppContent* EOF;

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
INT       : Digits | '0' [xX] [0-9a-fA-F] ([0-9a-fA-F'])*;
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

fragment Digits   : [0-9] ([0-9'])*;
fragment Exponent : [eE] [+-]? [0-9]+;

// The inside of a C++ block: nested blocks, literals and comments as units, so that
// their braces are not counted; numbers as units so that digit separators (1'000)
// are not taken for character literals.
fragment CppContent
  : '{' CppContent* '}'
  | CppString
  | CppChar
  | '//' ~[\r\n]*
  | '/*' .*? '*/'
  | [a-zA-Z_] [a-zA-Z_0-9]*
  | [0-9] [0-9a-zA-Z_.']*
  | ~[{}"'/a-zA-Z_0-9]
  | '/'
  ;
fragment CppString : '"' (~["\\\r\n] | '\\' .)* '"';
fragment CppChar   : '\'' (~['\\\r\n] | '\\' .)+ '\'';

// After `include`: one header name, <…> or "…".
mode HEADER;
HEADER_WS      : [ \t]+ -> channel(HIDDEN);
ANGLE_HEADER   : '<' ~[>\r\n]+ '>' -> popMode;
QUOTED_HEADER  : '"' ~["\r\n]+ '"' -> popMode;
HEADER_OTHER   : . -> type(BAD_CHAR), popMode;
