// MPL declarations (docs/language.md, "Declarations" and "Stages and pools"). Newlines are not significant; every declaration
// starts with a keyword. The parser builds no AST itself: compiler/parse/ASTBuilder.cpp
// turns this parse tree into MPL's own AST.
parser grammar MPLParser;

options { tokenVocab = MPLLexer; }

file        : declaration* EOF;

declaration
  : includeDecl
  | cppDecl
  | paramDecl
  | queueDecl
  | sharedDecl
  | hookDecl
  | stageDecl
  ;

includeDecl : INCLUDE (ANGLE_HEADER | QUOTED_HEADER);
cppDecl     : CPP CPP_BLOCK;
paramDecl   : PARAM IDENT COLON type (ASSIGN literal)?;
queueDecl   : (QUEUE | PIPE) IDENT COLON type (CAPACITY count)?;
sharedDecl  : SHARED IDENT COLON type (LBRACKET count RBRACKET)? (ASSIGN sharedInit)?;
sharedInit  : literal | CPP_BLOCK;
hookDecl    : (BEFORE | AFTER) CPP_BLOCK;

stageDecl
  : (STAGE | POOL) IDENT (LBRACKET count RBRACKET)?
    LPAREN (input (COMMA input)*)? RPAREN
    (ARROW IDENT (COMMA IDENT)*)?
    stageOption*
    CPP_BLOCK
  ;
input       : (IDENT COLON)? IDENT;
stageOption : ORDERED | UNORDERED | RETRY INT;

count       : INT | IDENT;
literal     : (MINUS | PLUS)? (INT | FLOAT) | STRING | TRUE | FALSE;

// A C++ type name: built-in type words (`unsigned long`) or a qualified name with
// template arguments (`std::pair<int, double>`), with cv-qualifiers, pointers and
// references. Two plain names in a row never form a type, so a type ends where the
// next declaration's (possibly misspelt) keyword begins.
type          : CV* (TYPE_WORD+ | qualifiedName) (CV | STAR | AMP)*;
qualifiedName : SCOPE? IDENT templateArgs? (SCOPE IDENT templateArgs?)*;
templateArgs: LANGLE (templateArg (COMMA templateArg)*)? RANGLE;
templateArg : type | (MINUS | PLUS)? INT | TRUE | FALSE;
