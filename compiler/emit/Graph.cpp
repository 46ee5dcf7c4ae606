#include "emit/Graph.h"
#include "check/Topology.h"

#include <string>

namespace mpl {
namespace {

/// A DOT string literal's contents: quotes and backslashes escaped.
std::string escape(llvm::StringRef text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

/// A multi-line DOT label: each line escaped, joined by DOT's \n.
std::string joinLines(std::initializer_list<std::string> lines) {
  std::string label;
  for (const auto &line : lines) {
    if (!label.empty()) label += "\\n";
    label += escape(line);
  }
  return label;
}

std::string countText(const ast::Count &count) {
  return count.isLiteral() ? std::to_string(count.literal()) : count.param().text;
}

std::string stageLabel(const ast::StageDecl &stage, const Topology &topology) {
  std::string title = (stage.isPool ? "pool " : "stage ") + stage.name.text;
  if (stage.replicas) title += " ×" + countText(*stage.replicas);
  else if (stage.isPool) title += " ×CPUs";
  if (!stage.isPool) return joinLines({title});
  std::string mode =
      effectiveOrdering(stage, topology) == ast::Ordering::Ordered ? "ordered" : "unordered";
  if (auto retries = retryCount(stage)) mode += ", retry " + std::to_string(retries);
  return joinLines({title, mode});
}

}  // namespace

void emitGraph(const ast::File &file, llvm::raw_ostream &out) {
  Topology topology = buildTopology(file);
  out << "digraph \"" << escape(file.path) << "\" {\n"
      << "  rankdir=LR;\n"
      << "  node [fontname=\"Helvetica\", fontsize=11];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (const auto &stage : file.stages) {
    out << "  \"stage:" << escape(stage->name.text) << "\" [label=\""
        << stageLabel(*stage, topology) << "\", ";
    if (stage->isPool)
      out << "shape=box3d, style=filled, fillcolor=\"#ffe8b0\"";
    else
      out << "shape=box, style=\"rounded,filled\", fillcolor=\"#dbe9ff\"";
    out << "];\n";
  }
  for (const auto &queue : file.queues) {
    std::string capacity = queue->capacity ? countText(*queue->capacity)
                                           : std::to_string(ast::QueueDecl::defaultCapacity);
    std::string label = joinLines({(queue->isPipe ? "pipe " : "queue ") + queue->name.text,
                                   queue->type.text + ", capacity " + capacity});
    out << "  \"queue:" << escape(queue->name.text) << "\" [label=\"" << label
        << "\", shape=" << (queue->isPipe ? "cds" : "ellipse")
        << ", style=filled, fillcolor=\"#f0f0f0\"];\n";
  }
  for (const auto &stage : file.stages) {
    for (const auto &input : stage->inputs) {
      if (!topology.find(input.queue.text)) continue;
      out << "  \"queue:" << escape(input.queue.text) << "\" -> \"stage:"
          << escape(stage->name.text)
          << "\"";
      if (input.binding) out << " [label=\"" << escape(input.binding->text) << "\"]";
      out << ";\n";
    }
    for (const auto &output : stage->outputs) {
      if (!topology.find(output.text)) continue;
      out << "  \"stage:" << escape(stage->name.text) << "\" -> \"queue:" << escape(output.text)
          << "\";\n";
    }
  }
  out << "}\n";
}

}  // namespace mpl
