// Go to definition, find references, rename and the outline: all read the index of
// declarations and occurrences that Analysis builds.
#include "lsp/Features.h"

#include "check/Symbols.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/StringExtras.h>

namespace mpl::lsp {

llvm::json::Value definition(const Analysis &analysis, const TextDocument &doc, std::size_t offset) {
  const Occurrence *occ = analysis.occurrenceAt(offset);
  if (!occ) return nullptr;
  return location(doc, analysis.declarations()[occ->declaration].nameSpan);
}

llvm::json::Value references(const Analysis &analysis, const TextDocument &doc, std::size_t offset,
                             bool includeDeclaration) {
  const Occurrence *occ = analysis.occurrenceAt(offset);
  if (!occ) return nullptr;
  llvm::json::Array result;
  for (const Occurrence *o : analysis.occurrencesOf(occ->declaration))
    if (includeDeclaration || !o->isDeclaration) result.push_back(location(doc, o->span));
  return result;
}

llvm::json::Value prepareRename(const Analysis &analysis, const TextDocument &doc, std::size_t offset) {
  const Occurrence *occ = analysis.occurrenceAt(offset);
  if (!occ) return nullptr;
  return llvm::json::Object{{"range", toJSON(doc.rangeOf(occ->span.begin, occ->span.end))},
                            {"placeholder", analysis.declarations()[occ->declaration].name}};
}

namespace {
bool isIdentifier(llvm::StringRef name) {
  if (name.empty() || llvm::isDigit(name[0])) return false;
  return llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}
}  // namespace

llvm::json::Value rename(const Analysis &analysis, const TextDocument &doc, std::size_t offset,
                         llvm::StringRef newName, std::string &error) {
  const Occurrence *occ = analysis.occurrenceAt(offset);
  if (!occ) {
    error = "there is no queue, pipe, param, shared value, stage, pool or item here to rename";
    return nullptr;
  }
  const Declaration &d = analysis.declarations()[occ->declaration];
  if (!isIdentifier(newName)) {
    error = (llvm::Twine("'") + newName + "' is not a name (letters, digits and _, not starting with a digit)").str();
    return nullptr;
  }
  if (isReservedName(newName)) {
    error = (llvm::Twine("'") + newName + "' is reserved (C++ keywords, index, replicas, emit, mpl_…)").str();
    return nullptr;
  }
  // A clash would make the file ill-formed (one namespace) or make a body mean
  // something else: refuse it rather than produce a broken file.
  for (const Declaration &other : analysis.declarations()) {
    bool visible = other.kind != Declaration::Kind::Item || d.kind != Declaration::Kind::Item ||
                   other.node == d.node;
    if (other.name == newName && visible && &other != &d) {
      error = (llvm::Twine("'") + newName + "' is already the name of " + kindName(other.kind) + " '" +
               other.name + "'")
                  .str();
      return nullptr;
    }
  }
  llvm::json::Array edits;
  for (const Occurrence *o : analysis.occurrencesOf(occ->declaration))
    edits.push_back(llvm::json::Object{{"range", toJSON(doc.rangeOf(o->span.begin, o->span.end))},
                                       {"newText", newName}});
  return llvm::json::Object{{"changes", llvm::json::Object{{doc.uri(), std::move(edits)}}}};
}

namespace {
/// LSP's SymbolKind numbers.
int symbolKind(Declaration::Kind kind) {
  switch (kind) {
  case Declaration::Kind::Param: return 14;   // Constant
  case Declaration::Kind::Queue:
  case Declaration::Kind::Pipe: return 24;    // Event
  case Declaration::Kind::Shared: return 13;  // Variable
  case Declaration::Kind::Stage:
  case Declaration::Kind::Pool: return 12;    // Function
  case Declaration::Kind::Item: return 13;    // Variable
  }
  return 13;
}

std::string typeOf(const Declaration &d) {
  switch (d.kind) {
  case Declaration::Kind::Param: return static_cast<const ast::ParamDecl *>(d.node)->type.text;
  case Declaration::Kind::Queue:
  case Declaration::Kind::Pipe: return static_cast<const ast::QueueDecl *>(d.node)->type.text;
  case Declaration::Kind::Shared: return static_cast<const ast::SharedDecl *>(d.node)->type.text;
  default: return {};
  }
}
}  // namespace

// Written straight to JSON text: as llvm::json::Objects (a hash table each, seven per
// symbol) a 16,000-stage outline took 1.4 GB.
std::string documentSymbols(const Analysis &analysis, const TextDocument &doc) {
  // In file order, items as children of their stage or pool.
  std::vector<const Declaration *> order;
  for (const Declaration &d : analysis.declarations())
    if (d.kind != Declaration::Kind::Item) order.push_back(&d);
  llvm::sort(order, [](const Declaration *a, const Declaration *b) { return a->declSpan.begin < b->declSpan.begin; });
  // Each stage's items, found in one pass (a nested scan was quadratic on big files).
  llvm::DenseMap<const void *, std::vector<const Declaration *>> itemsOf;
  for (const Declaration &item : analysis.declarations())
    if (item.kind == Declaration::Kind::Item) itemsOf[item.node].push_back(&item);

  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::json::OStream out(os);
  auto range = [&](llvm::StringRef key, Span span) {
    Range r = doc.rangeOf(span.begin, span.end);
    out.attributeObject(key, [&] {
      for (const auto &point : {std::pair{"start", r.start}, std::pair{"end", r.end}})
        out.attributeObject(point.first, [&] {
          out.attribute("line", point.second.line);
          out.attribute("character", point.second.character);
        });
    });
  };
  auto fields = [&](const Declaration &d, Span whole) {
    std::string type = typeOf(d);
    out.attribute("name", d.name);
    out.attribute("detail", std::string(kindName(d.kind)) + (type.empty() ? "" : ": " + type));
    out.attribute("kind", symbolKind(d.kind));
    range("range", whole);
    range("selectionRange", d.nameSpan);
  };
  auto symbol = [&](const Declaration &d, Span whole, const std::vector<const Declaration *> *children) {
    out.object([&] {
      fields(d, whole);
      if (children && !children->empty())
        out.attributeArray("children", [&] {
          for (const Declaration *item : *children) out.object([&] { fields(*item, item->declSpan); });
        });
    });
  };
  out.array([&] {
    for (const Declaration *d : order) {
      bool isStage = d->kind == Declaration::Kind::Stage || d->kind == Declaration::Kind::Pool;
      if (!isStage) {
        symbol(*d, d->declSpan, nullptr);
        continue;
      }
      auto items = itemsOf.find(d->node);
      symbol(*d, analysis.spanOf(static_cast<const ast::StageDecl *>(d->node)->range),
             items == itemsOf.end() ? nullptr : &items->second);
    }
  });
  os.flush();
  return text;
}

}  // namespace mpl::lsp
