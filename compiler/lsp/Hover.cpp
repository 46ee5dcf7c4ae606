// Hover: what a name is — its declaration as written, its item type and capacity, who
// writes and reads it, a param's help text and default — in headers and bodies alike.
#include "lsp/Features.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/raw_ostream.h>

namespace mpl::lsp {

namespace {

/// The declaration's text with its whitespace collapsed: one line for the code block.
std::string asWritten(const Analysis &analysis, Span span) {
  std::string out;
  bool space = false;
  for (char c : llvm::StringRef(analysis.text()).slice(span.begin, span.end)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string countText(const std::optional<ast::Count> &count, llvm::StringRef otherwise) {
  if (!count) return otherwise.str();
  if (count->isLiteral()) return std::to_string(count->literal());
  return "param `" + count->param().text + "`";
}

std::string stageList(const std::vector<const ast::StageDecl *> &stages) {
  if (stages.empty()) return "none";
  std::vector<std::string> names;
  for (const auto *s : stages) names.push_back(std::string(s->isPool ? "pool" : "stage") + " `" + s->name.text + "`");
  return llvm::join(names, ", ");
}

void describeQueue(const Analysis &analysis, const ast::QueueDecl &q, llvm::raw_ostream &out) {
  out << "Item type `" << q.type.text << "`, capacity " << countText(q.capacity, std::to_string(ast::QueueDecl::defaultCapacity) + " (the default)")
      << ".\n\nWritten by " << stageList(analysis.writersOf(q.name.text)) << ".\n\nRead by "
      << stageList(analysis.readersOf(q.name.text)) << ".";
  if (q.isPipe) out << "\n\nA pipe: exactly one writer process and one reader process.";
}

void describeStage(const ast::StageDecl &s, llvm::raw_ostream &out) {
  if (s.isPool) out << "Pool of " << (s.replicas ? countText(s.replicas, "") + " workers" : "one worker per CPU");
  else out << "Stage running as " << (s.replicas ? countText(s.replicas, "") + " processes" : "one process");
  std::vector<std::string> inputs, outputs;
  for (const auto &in : s.inputs) inputs.push_back("`" + in.queue.text + "`");
  for (const auto &o : s.outputs) outputs.push_back("`" + o.text + "`");
  out << ".\n\nReads " << (inputs.empty() ? "nothing" : llvm::join(inputs, ", ")) << "; writes "
      << (outputs.empty() ? "nothing" : llvm::join(outputs, ", ")) << ".";
  if (s.isPerItem()) out << " Its body runs once per item.";
}

}  // namespace

llvm::json::Value hover(const Analysis &analysis, const TextDocument &doc, std::size_t offset) {
  const Occurrence *occ = analysis.occurrenceAt(offset);
  if (!occ) return nullptr;
  const Declaration &d = analysis.declarations()[occ->declaration];
  std::string text;
  llvm::raw_string_ostream out(text);
  out << "```mpl\n";
  if (d.kind == Declaration::Kind::Item) out << "item " << asWritten(analysis, d.declSpan);
  else out << asWritten(analysis, d.declSpan);
  out << "\n```\n\n";
  switch (d.kind) {
  case Declaration::Kind::Param: {
    const auto &p = *static_cast<const ast::ParamDecl *>(d.node);
    if (!p.help.empty()) out << p.help << "\n\n";
    out << "Param of type `" << p.type.text << "`; ";
    if (p.defaultValue) out << "default `" << p.defaultValue->text << "`.";
    else out << "no default: required on the command line.";
    break;
  }
  case Declaration::Kind::Queue:
  case Declaration::Kind::Pipe:
    describeQueue(analysis, *static_cast<const ast::QueueDecl *>(d.node), out);
    break;
  case Declaration::Kind::Shared: {
    const auto &s = *static_cast<const ast::SharedDecl *>(d.node);
    out << (s.arraySize ? "Shared array of `" + s.type.text + "`, " + countText(s.arraySize, "") + " elements"
                        : "Shared value of type `" + s.type.text + "`")
        << ", seen by every process.";
    break;
  }
  case Declaration::Kind::Stage:
  case Declaration::Kind::Pool:
    describeStage(*static_cast<const ast::StageDecl *>(d.node), out);
    break;
  case Declaration::Kind::Item: {
    const auto &s = *static_cast<const ast::StageDecl *>(d.node);
    out << "One item of the input, bound in each run of " << (s.isPool ? "pool" : "stage") << " `"
        << s.name.text << "`'s body.";
    break;
  }
  }
  out.flush();
  return llvm::json::Object{
      {"contents", llvm::json::Object{{"kind", "markdown"}, {"value", text}}},
      {"range", toJSON(doc.rangeOf(occ->span.begin, occ->span.end))}};
}

}  // namespace mpl::lsp
