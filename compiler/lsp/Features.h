// The language features, each a function from an analysed document and a request's
// parameters to the result LSP expects (llvm::json), so that the server only routes.
#pragma once

#include "lsp/Analysis.h"
#include "lsp/TextDocument.h"

#include <llvm/Support/JSON.h>

namespace mpl::lsp {

llvm::json::Value toJSON(const Range &range);
llvm::json::Value location(const TextDocument &doc, Span span);

/// textDocument/publishDiagnostics' `diagnostics`: front-end diagnostics with their
/// notes as relatedInformation.
llvm::json::Array diagnosticsJSON(const Analysis &analysis, const TextDocument &doc);
/// Quick fixes for the "did you mean" diagnostics that touch `range`.
llvm::json::Array codeActions(const Analysis &analysis, const TextDocument &doc, Range range);

llvm::json::Value hover(const Analysis &analysis, const TextDocument &doc, std::size_t offset);
llvm::json::Value definition(const Analysis &analysis, const TextDocument &doc, std::size_t offset);
llvm::json::Value references(const Analysis &analysis, const TextDocument &doc, std::size_t offset,
                             bool includeDeclaration);
/// The range of the name to rename, or null when there is none at `offset`.
llvm::json::Value prepareRename(const Analysis &analysis, const TextDocument &doc, std::size_t offset);
/// A WorkspaceEdit; `error` says why when the rename is refused.
llvm::json::Value rename(const Analysis &analysis, const TextDocument &doc, std::size_t offset,
                         llvm::StringRef newName, std::string &error);
/// The outline, as JSON text (see Transport::replyText).
std::string documentSymbols(const Analysis &analysis, const TextDocument &doc);
/// `names` is the analysis whose declarations to offer: the document's latest one
/// that parsed, since a half-typed header does not.
llvm::json::Value completion(const Analysis *names, const TextDocument &doc, std::size_t offset);

}  // namespace mpl::lsp
