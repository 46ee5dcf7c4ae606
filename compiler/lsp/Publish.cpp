// Diagnostics and their quick fixes, as LSP represents them.
#include "lsp/Features.h"

namespace mpl::lsp {

llvm::json::Value toJSON(const Range &range) {
  auto position = [](Position p) { return llvm::json::Object{{"line", p.line}, {"character", p.character}}; };
  return llvm::json::Object{{"start", position(range.start)}, {"end", position(range.end)}};
}

llvm::json::Value location(const TextDocument &doc, Span span) {
  return llvm::json::Object{{"uri", doc.uri()}, {"range", toJSON(doc.rangeOf(span.begin, span.end))}};
}

llvm::json::Array diagnosticsJSON(const Analysis &analysis, const TextDocument &doc) {
  llvm::json::Array result;
  for (const Diagnostic &d : analysis.diagnostics()) {
    llvm::json::Object diagnostic{{"range", toJSON(doc.rangeOf(d.span.begin, d.span.end))},
                                  {"severity", static_cast<int>(d.severity)},
                                  {"source", "mplc"},
                                  {"message", d.message}};
    if (!d.notes.empty()) {
      llvm::json::Array related;
      for (const auto &note : d.notes)
        related.push_back(llvm::json::Object{{"location", location(doc, note.span)}, {"message", note.message}});
      diagnostic["relatedInformation"] = std::move(related);
    }
    result.push_back(std::move(diagnostic));
  }
  return result;
}

llvm::json::Array codeActions(const Analysis &analysis, const TextDocument &doc, Range range) {
  llvm::json::Array result;
  std::size_t from = doc.offsetOf(range.start), to = doc.offsetOf(range.end);
  for (const Diagnostic &d : analysis.diagnostics()) {
    if (d.suggestion.empty() || d.span.end < from || d.span.begin > to) continue;
    Range where = doc.rangeOf(d.span.begin, d.span.end);
    llvm::json::Object edit{{"range", toJSON(where)}, {"newText", d.suggestion}};
    llvm::json::Object changes{{doc.uri(), llvm::json::Array{std::move(edit)}}};
    llvm::json::Object published{{"range", toJSON(where)},
                                 {"severity", static_cast<int>(d.severity)},
                                 {"source", "mplc"},
                                 {"message", d.message}};
    result.push_back(llvm::json::Object{{"title", "Change to '" + d.suggestion + "'"},
                                        {"kind", "quickfix"},
                                        {"isPreferred", true},
                                        {"diagnostics", llvm::json::Array{std::move(published)}},
                                        {"edit", llvm::json::Object{{"changes", std::move(changes)}}}});
  }
  return result;
}

}  // namespace mpl::lsp
