// The only file that sees ANTLR's parse tree: it lexes and parses an MPL buffer and
// builds MPL's own AST from the tree. Each build method names the grammar rule it
// implements (grammar/MPLParser.g4).
#include "parse/Parser.h"
#include "parse/AntlrIncludes.h"
#include "parse/SourceText.h"
#include "parse/SyntaxErrors.h"

#include <llvm/ADT/APInt.h>
#include <llvm/ADT/StringExtras.h>

namespace mpl {
namespace {

using P = MPLParser;
using antlr4::Token;

class ASTBuilder {
public:
  ASTBuilder(const SourceText &text, antlr4::CommonTokenStream &tokens, Diagnostics &diags)
      : text_(text), tokens_(tokens), diags_(diags) {}

  // file : declaration* EOF
  std::unique_ptr<ast::File> buildFile(P::FileContext *ctx, std::string path) {
    auto file = std::make_unique<ast::File>();
    file->path = std::move(path);
    for (auto *decl : ctx->declaration()) buildDeclaration(decl, *file);
    return diags_.hasErrors() ? nullptr : std::move(file);
  }

private:
  // declaration : includeDecl | cppDecl | paramDecl | queueDecl | sharedDecl
  //             | hookDecl | stageDecl
  void buildDeclaration(P::DeclarationContext *ctx, ast::File &file) {
    if (auto *c = ctx->includeDecl()) file.includes.push_back(buildInclude(c));
    else if (auto *c = ctx->cppDecl()) file.cppBlocks.push_back(buildCpp(c));
    else if (auto *c = ctx->paramDecl()) file.params.push_back(buildParam(c));
    else if (auto *c = ctx->queueDecl()) file.queues.push_back(buildQueue(c));
    else if (auto *c = ctx->sharedDecl()) file.shareds.push_back(buildShared(c));
    else if (auto *c = ctx->hookDecl()) file.hooks.push_back(buildHook(c));
    else if (auto *c = ctx->stageDecl()) file.stages.push_back(buildStage(c));
  }

  // includeDecl : INCLUDE (ANGLE_HEADER | QUOTED_HEADER)
  std::unique_ptr<ast::IncludeDecl> buildInclude(P::IncludeDeclContext *ctx) {
    auto decl = std::make_unique<ast::IncludeDecl>();
    auto *header = ctx->ANGLE_HEADER() ? ctx->ANGLE_HEADER() : ctx->QUOTED_HEADER();
    decl->header = header->getText();
    decl->range = range(ctx);
    return decl;
  }

  // cppDecl : CPP CPP_BLOCK
  std::unique_ptr<ast::CppDecl> buildCpp(P::CppDeclContext *ctx) {
    auto decl = std::make_unique<ast::CppDecl>();
    decl->block = buildBlock(ctx->CPP_BLOCK()->getSymbol());
    decl->range = range(ctx);
    return decl;
  }

  // paramDecl : PARAM IDENT COLON type (ASSIGN literal)?
  std::unique_ptr<ast::ParamDecl> buildParam(P::ParamDeclContext *ctx) {
    auto decl = std::make_unique<ast::ParamDecl>();
    decl->name = name(ctx->IDENT()->getSymbol());
    decl->type = buildType(ctx->type());
    if (ctx->literal()) decl->defaultValue = buildLiteral(ctx->literal());
    decl->help = docComment(ctx->PARAM()->getSymbol());
    decl->range = range(ctx);
    return decl;
  }

  // queueDecl : (QUEUE | PIPE) IDENT COLON type (CAPACITY count)?
  std::unique_ptr<ast::QueueDecl> buildQueue(P::QueueDeclContext *ctx) {
    auto decl = std::make_unique<ast::QueueDecl>();
    decl->isPipe = ctx->PIPE() != nullptr;
    decl->name = name(ctx->IDENT()->getSymbol());
    decl->type = buildType(ctx->type());
    if (ctx->count()) decl->capacity = buildCount(ctx->count());
    decl->range = range(ctx);
    return decl;
  }

  // sharedDecl : SHARED IDENT COLON type (LBRACKET count RBRACKET)? (ASSIGN sharedInit)?
  // sharedInit : literal | CPP_BLOCK
  std::unique_ptr<ast::SharedDecl> buildShared(P::SharedDeclContext *ctx) {
    auto decl = std::make_unique<ast::SharedDecl>();
    decl->name = name(ctx->IDENT()->getSymbol());
    decl->type = buildType(ctx->type());
    if (ctx->count()) decl->arraySize = buildCount(ctx->count());
    if (auto *init = ctx->sharedInit()) {
      if (init->literal()) decl->initLiteral = buildLiteral(init->literal());
      else decl->initBlock = buildBlock(init->CPP_BLOCK()->getSymbol());
    }
    decl->range = range(ctx);
    return decl;
  }

  // hookDecl : (BEFORE | AFTER) CPP_BLOCK
  std::unique_ptr<ast::HookDecl> buildHook(P::HookDeclContext *ctx) {
    auto decl = std::make_unique<ast::HookDecl>();
    decl->kind = ctx->BEFORE() ? ast::HookDecl::Kind::Before : ast::HookDecl::Kind::After;
    decl->body = buildBlock(ctx->CPP_BLOCK()->getSymbol());
    decl->range = range(ctx);
    return decl;
  }

  // stageDecl : (STAGE | POOL) IDENT (LBRACKET count RBRACKET)?
  //             LPAREN (input (COMMA input)*)? RPAREN
  //             (ARROW IDENT (COMMA IDENT)*)? stageOption* CPP_BLOCK
  std::unique_ptr<ast::StageDecl> buildStage(P::StageDeclContext *ctx) {
    auto decl = std::make_unique<ast::StageDecl>();
    decl->isPool = ctx->POOL() != nullptr;
    decl->keywordLoc = text_.locAt(ctx->getStart()->getStartIndex());
    auto names = ctx->IDENT();
    decl->name = name(names.front()->getSymbol());
    for (size_t i = 1; i < names.size(); ++i) decl->outputs.push_back(name(names[i]->getSymbol()));
    if (ctx->count()) decl->replicas = buildCount(ctx->count());
    for (auto *in : ctx->input()) decl->inputs.push_back(buildInput(in));
    decl->inputsRange = text_.range(ctx->LPAREN()->getSymbol()->getStartIndex(),
                                    ctx->RPAREN()->getSymbol()->getStopIndex());
    for (auto *option : ctx->stageOption()) decl->options.push_back(buildOption(option));
    decl->body = buildBlock(ctx->CPP_BLOCK()->getSymbol());
    decl->range = range(ctx);
    return decl;
  }

  // input : (IDENT COLON)? IDENT
  ast::StageInput buildInput(P::InputContext *ctx) {
    ast::StageInput in;
    auto names = ctx->IDENT();
    if (names.size() == 2) in.binding = name(names[0]->getSymbol());
    in.queue = name(names.back()->getSymbol());
    return in;
  }

  // stageOption : ORDERED | UNORDERED | RETRY INT
  ast::StageOption buildOption(P::StageOptionContext *ctx) {
    ast::StageOption option;
    option.range = range(ctx);
    if (ctx->ORDERED()) option.kind = ast::StageOption::Kind::Ordered;
    else if (ctx->UNORDERED()) option.kind = ast::StageOption::Kind::Unordered;
    else {
      option.kind = ast::StageOption::Kind::Retry;
      option.retries = integer(ctx->INT()->getSymbol());
      option.countRange = text_.range(ctx->INT()->getSymbol()->getStartIndex(),
                                      ctx->INT()->getSymbol()->getStopIndex());
    }
    return option;
  }

  // count : INT | IDENT
  ast::Count buildCount(P::CountContext *ctx) {
    ast::Count count;
    count.range = range(ctx);
    if (ctx->INT()) count.value = integer(ctx->INT()->getSymbol());
    else count.value = name(ctx->IDENT()->getSymbol());
    return count;
  }

  // literal : (MINUS | PLUS)? (INT | FLOAT) | STRING | TRUE | FALSE
  ast::Literal buildLiteral(P::LiteralContext *ctx) {
    ast::Literal literal;
    literal.range = range(ctx);
    literal.text = ctx->getText();
    if (ctx->INT()) {
      literal.kind = ast::Literal::Kind::Integer;
      checkOctal(ctx->INT()->getSymbol());  // its range is the checks' to judge
    }
    else if (ctx->FLOAT()) literal.kind = ast::Literal::Kind::Float;
    else if (ctx->STRING()) literal.kind = ast::Literal::Kind::String;
    else literal.kind = ast::Literal::Kind::Bool;
    return literal;
  }

  // type          : CV* (TYPE_WORD+ | qualifiedName) (CV | STAR | AMP)*
  // qualifiedName : SCOPE? IDENT templateArgs? (SCOPE IDENT templateArgs?)*
  // Spelled with single spaces between words and after commas, none around symbols:
  // `std::pair< int,double >` → "std::pair<int, double>".
  ast::TypeName buildType(P::TypeContext *ctx) {
    ast::TypeName type;
    type.range = range(ctx);
    bool previousIsWord = false;
    for (size_t i = ctx->getStart()->getTokenIndex(); i <= ctx->getStop()->getTokenIndex(); ++i) {
      Token *token = tokens_.get(i);
      if (token->getChannel() != Token::DEFAULT_CHANNEL) continue;
      size_t kind = token->getType();
      bool isWord = kind == P::IDENT || kind == P::TYPE_WORD || kind == P::CV || kind == P::INT ||
                    kind == P::TRUE || kind == P::FALSE;
      if (isWord && previousIsWord) type.text += ' ';
      type.text += token->getText();
      if (kind == P::COMMA) type.text += ' ';
      previousIsWord = isWord;
    }
    return type;
  }

  ast::CppBlock buildBlock(Token *token) {
    ast::CppBlock block;
    block.code = token->getText();
    block.range = text_.range(token->getStartIndex(), token->getStopIndex());
    block.line = static_cast<unsigned>(token->getLine());
    return block;
  }

  ast::Name name(Token *token) {
    return {token->getText(), text_.range(token->getStartIndex(), token->getStopIndex())};
  }

  /// The value of an INT token (decimal, 0x hexadecimal or 0 octal, as in C++), after
  /// reporting one that is not a valid literal or does not fit 64 bits.
  std::int64_t integer(Token *token) {
    std::string digits = token->getText();
    llvm::erase_value(digits, '\'');
    std::int64_t value = 0;
    if (!llvm::StringRef(digits).getAsInteger(0, value)) return value;
    if (checkOctal(token))
      diags_.error(text_.locAt(token->getStartIndex()),
                   "integer literal '" + token->getText() + "' is too large",
                   {text_.range(token->getStartIndex(), token->getStopIndex())});
    return 0;
  }

  /// Reports `08`: digits that a leading 0 makes octal, as in C++. True when valid.
  bool checkOctal(Token *token) {
    std::string digits = token->getText();
    llvm::erase_value(digits, '\'');
    llvm::APInt value;
    if (!llvm::StringRef(digits).getAsInteger(0, value)) return true;
    diags_.error(text_.locAt(token->getStartIndex()),
                 "integer literal '" + token->getText() +
                     "' is not valid: a leading 0 makes it octal",
                 {text_.range(token->getStartIndex(), token->getStopIndex())});
    return false;
  }

  /// The `///` lines directly above `keyword`, without the slashes.
  std::string docComment(Token *keyword) {
    std::vector<std::string> lines;
    for (ssize_t i = static_cast<ssize_t>(keyword->getTokenIndex()) - 1; i >= 0; --i) {
      Token *token = tokens_.get(static_cast<size_t>(i));
      if (token->getType() == P::WS) {
        if (llvm::count(token->getText(), '\n') > 1) break;  // a blank line ends the run
        continue;
      }
      if (token->getType() != P::DOC_COMMENT) break;
      std::string line = token->getText();
      lines.push_back(llvm::StringRef(line).drop_front(3).trim().str());
    }
    std::string help;
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      if (!help.empty()) help += ' ';
      help += *it;
    }
    return help;
  }

  llvm::SMRange range(antlr4::ParserRuleContext *ctx) {
    return text_.range(ctx->getStart()->getStartIndex(), ctx->getStop()->getStopIndex());
  }

  const SourceText &text_;
  antlr4::CommonTokenStream &tokens_;
  Diagnostics &diags_;
};

}  // namespace

std::unique_ptr<ast::File> parseFile(unsigned bufferId, Diagnostics &diags) {
  const llvm::MemoryBuffer &buffer = *diags.sources().getMemoryBuffer(bufferId);
  SourceText text(buffer);
  if (auto bad = text.firstInvalidByte()) {
    diags.error(llvm::SMLoc::getFromPointer(buffer.getBufferStart() + *bad),
                "invalid UTF-8 in source file; MPL files must be UTF-8 text");
    return nullptr;
  }

  antlr4::ANTLRInputStream input(buffer.getBuffer().str());
  {
    MPLLexer scanner(&input);
    scanner.removeErrorListeners();  // every token is matchable: BAD_CHAR catches the rest
    if (!reportLexicalErrors(scanner, diags, text)) return nullptr;
  }
  input.reset();
  MPLLexer lexer(&input);
  lexer.removeErrorListeners();
  // Filled as the parser reads: a parse that stops at the error limit lexes no further.
  antlr4::CommonTokenStream tokens(&lexer);

  MPLParser parser(&tokens);
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<SyntaxErrorStrategy>(diags, text));
  P::FileContext *tree = nullptr;
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException &) {
    // SyntaxErrorStrategy stopped at the error limit.
  }
  if (diags.hasErrors()) return nullptr;

  ASTBuilder builder(text, tokens, diags);
  return builder.buildFile(tree, buffer.getBufferIdentifier().str());
}

}  // namespace mpl
