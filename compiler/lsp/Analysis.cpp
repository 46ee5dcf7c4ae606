#include "lsp/Analysis.h"
#include "parse/CppIdentifiers.h"

#include "check/Checks.h"
#include "diag/Diagnostics.h"
#include "parse/Parser.h"
#include "parse/SourceFile.h"

#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Regex.h>

#include <algorithm>

namespace mpl::lsp {

const char *kindName(Declaration::Kind kind) {
  switch (kind) {
  case Declaration::Kind::Param: return "param";
  case Declaration::Kind::Queue: return "queue";
  case Declaration::Kind::Pipe: return "pipe";
  case Declaration::Kind::Shared: return "shared";
  case Declaration::Kind::Stage: return "stage";
  case Declaration::Kind::Pool: return "pool";
  case Declaration::Kind::Item: return "item";
  }
  return "name";
}

Analysis::Analysis(std::string text, std::string path) : text_(std::move(text)), path_(std::move(path)) {
  endLinesAtLoneCarriageReturns(text_.data(), text_.size());  // TextDocument counts their lines too
  unsigned id = sources_.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBuffer(text_, path_, /*RequiresNullTerminator=*/false), llvm::SMLoc());
  sources_.setDiagHandler(
      [](const llvm::SMDiagnostic &diag, void *self) { static_cast<Analysis *>(self)->collect(diag); },
      this);
  llvm::raw_null_ostream quiet;
  Diagnostics diags(sources_, quiet);
  // An editor lists diagnostics rather than scrolling past them, so the limits are far
  // above the terminal's; but a file of a million stray '}' is not a million of them.
  diags.setLimits(editorErrorLimit, editorErrorLimit);
  file_ = parseFile(id, diags);
  // The AST is kept when the checks find errors: names still resolve for navigation.
  if (file_) checkFile(*file_, diags);
  errors_ = diags.errorCount();
  index();
}

std::size_t Analysis::offsetOf(llvm::SMLoc loc) const {
  if (!loc.isValid()) return 0;
  const char *start = text_.data();
  return static_cast<std::size_t>(std::clamp(loc.getPointer(), start, start + text_.size()) - start);
}

namespace {
bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
}  // namespace

void Analysis::collect(const llvm::SMDiagnostic &diag) {
  Span span;
  if (diag.getLoc().isValid()) {
    std::size_t at = offsetOf(diag.getLoc());
    std::size_t lineStart = at - static_cast<std::size_t>(std::max(diag.getColumnNo(), 0));
    span = {at, at};
    // The range under the caret, as clang's ~~~ shows it; else the word at the caret
    // (or one character), so that the editor underlines something.
    for (auto [first, last] : diag.getRanges())
      if (lineStart + first <= at && at <= lineStart + last) span = {lineStart + first, lineStart + last};
    if (span.begin == span.end) {
      while (span.end < text_.size() && isWordChar(text_[span.end])) ++span.end;
      if (span.end == span.begin && span.end < text_.size() && text_[span.end] != '\n') ++span.end;
    }
  }
  std::string message = diag.getMessage().str();
  if (diag.getKind() == llvm::SourceMgr::DK_Note && !diagnostics_.empty()) {
    diagnostics_.back().notes.push_back({span, message});
    return;
  }
  Diagnostic d{diag.getKind() == llvm::SourceMgr::DK_Error     ? Diagnostic::Severity::Error
               : diag.getKind() == llvm::SourceMgr::DK_Warning ? Diagnostic::Severity::Warning
                                                               : Diagnostic::Severity::Note,
               span, message, {}, {}};
  llvm::SmallVector<llvm::StringRef, 2> match;
  static const llvm::Regex didYouMean("did you mean (param )?'([^']+)'\\?");
  if (didYouMean.match(message, &match)) d.suggestion = match[2].str();
  diagnostics_.push_back(std::move(d));
}

void Analysis::declare(Declaration::Kind kind, const ast::Name &name, llvm::SMRange declRange,
                       const void *node, Span scope) {
  auto index = static_cast<unsigned>(declarations_.size());
  declarations_.push_back({kind, name.text, spanOf(name.range), spanOf(declRange), node, scope});
  if (kind == Declaration::Kind::Item) itemsOf_[node].push_back(index);
  else fileWide_.try_emplace(name.text, index);  // a duplicate's first declaration wins
  occurrences_.push_back({spanOf(name.range), index, true});
}

std::optional<unsigned> Analysis::lookup(llvm::StringRef name) const {
  auto it = fileWide_.find(name);
  if (it == fileWide_.end()) return std::nullopt;
  return it->second;
}

void Analysis::use(const ast::Name &name) {
  if (auto declaration = lookup(name.text)) occurrences_.push_back({spanOf(name.range), *declaration, false});
}

void Analysis::useInBlock(const ast::CppBlock &block, const ast::StageDecl *stage) {
  std::size_t base = offsetOf(block.range.Start);
  llvm::ArrayRef<unsigned> items;  // the stage's own items hide file-wide names
  if (auto it = itemsOf_.find(stage); stage && it != itemsOf_.end()) items = it->second;
  for (const CppIdentifier &id : cppIdentifiers(llvm::StringRef(text_).substr(base, block.code.size()))) {
    std::optional<unsigned> target;
    for (unsigned i : items)
      if (declarations_[i].name == id.text) target = i;
    if (!target) target = lookup(id.text);
    if (target) occurrences_.push_back({{base + id.offset, base + id.offset + id.text.size()}, *target, false});
  }
}

void Analysis::index() {
  if (!file_) return;
  using K = Declaration::Kind;
  for (const auto &p : file_->params) declare(K::Param, p->name, p->range, p.get());
  for (const auto &q : file_->queues) declare(q->isPipe ? K::Pipe : K::Queue, q->name, q->range, q.get());
  for (const auto &s : file_->shareds) declare(K::Shared, s->name, s->range, s.get());
  for (const auto &s : file_->stages) {
    llvm::SMRange header{s->range.Start, s->body.range.Start};
    declare(s->isPool ? K::Pool : K::Stage, s->name, header, s.get());
  }
  for (const auto &s : file_->stages) {
    for (const auto &in : s->inputs)
      if (in.binding) declare(K::Item, *in.binding, {in.binding->range.Start, in.queue.range.End}, s.get(), spanOf(s->range));
  }
  auto useCount = [&](const std::optional<ast::Count> &count) {
    if (count && !count->isLiteral()) use(count->param());
  };
  for (const auto &q : file_->queues) useCount(q->capacity);
  for (const auto &s : file_->shareds) {
    useCount(s->arraySize);
    if (s->initBlock) useInBlock(*s->initBlock, nullptr);
  }
  for (const auto &c : file_->cppBlocks) useInBlock(c->block, nullptr);
  for (const auto &h : file_->hooks) useInBlock(h->body, nullptr);
  for (const auto &s : file_->stages) {
    useCount(s->replicas);
    for (const auto &in : s->inputs) use(in.queue);
    for (const auto &out : s->outputs) use(out);
    useInBlock(s->body, s.get());
  }
  std::sort(occurrences_.begin(), occurrences_.end(),
            [](const Occurrence &a, const Occurrence &b) { return a.span.begin < b.span.begin; });
}

const Occurrence *Analysis::occurrenceAt(std::size_t offset) const {
  auto after = std::upper_bound(occurrences_.begin(), occurrences_.end(), offset,
                                [](std::size_t o, const Occurrence &occ) { return o < occ.span.begin; });
  if (after == occurrences_.begin()) return nullptr;
  const Occurrence &candidate = *std::prev(after);
  return candidate.span.contains(offset) ? &candidate : nullptr;
}

std::vector<const Occurrence *> Analysis::occurrencesOf(unsigned declaration) const {
  std::vector<const Occurrence *> result;
  for (const auto &occ : occurrences_)
    if (occ.declaration == declaration) result.push_back(&occ);
  return result;
}

std::vector<const ast::StageDecl *> Analysis::writersOf(llvm::StringRef name) const {
  std::vector<const ast::StageDecl *> result;
  if (file_)
    for (const auto &s : file_->stages)
      if (llvm::any_of(s->outputs, [&](const ast::Name &n) { return n.text == name; })) result.push_back(s.get());
  return result;
}

std::vector<const ast::StageDecl *> Analysis::readersOf(llvm::StringRef name) const {
  std::vector<const ast::StageDecl *> result;
  if (file_)
    for (const auto &s : file_->stages)
      if (llvm::any_of(s->inputs, [&](const ast::StageInput &in) { return in.queue.text == name; }))
        result.push_back(s.get());
  return result;
}

}  // namespace mpl::lsp
