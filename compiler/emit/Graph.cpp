#include "emit/Graph.h"
#include "check/Topology.h"

#include <cstdio>
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

/// 950, 12.3k, 4.56M: a count that fits on an edge.
std::string shortCount(double value) {
  char text[32];
  if (value < 10000) std::snprintf(text, sizeof text, "%.0f", value);
  else if (value < 1e6) std::snprintf(text, sizeof text, "%.3gk", value / 1e3);
  else if (value < 1e9) std::snprintf(text, sizeof text, "%.3gM", value / 1e6);
  else std::snprintf(text, sizeof text, "%.3gG", value / 1e9);
  return text;
}

std::string percent(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%.0f%%", value);
  return text;
}

/// The items that went along one edge: the stage's own counter when the edge is its only
/// input or output, else the queue's count when the stage is its only reader or writer.
std::optional<std::uint64_t> edgeItems(const GraphStats &stats, const ast::StageDecl &stage,
                                       llvm::StringRef queue, bool output, const ast::File &file) {
  auto s = stats.stages.find(stage.name.text);
  std::size_t edges = output ? stage.outputs.size() : stage.inputs.size();
  if (s != stats.stages.end() && edges == 1) return output ? s->second.itemsOut : s->second.itemsIn;
  auto q = stats.queues.find(queue);
  if (q == stats.queues.end()) return std::nullopt;
  int peers = 0;
  for (const auto &other : file.stages) {
    if (output)
      for (const auto &o : other->outputs) peers += o.text == queue;
    else
      for (const auto &i : other->inputs) peers += i.queue.text == queue;
  }
  return peers == 1 ? q->second.items : std::nullopt;
}

std::string edgeText(const GraphStats &stats, std::optional<std::uint64_t> items) {
  if (!items) return {};
  std::string text = shortCount(static_cast<double>(*items)) + (*items == 1 ? " item" : " items");
  if (stats.wallSeconds > 0) text += "\\n" + shortCount(static_cast<double>(*items) / stats.wallSeconds) + "/s";
  return text;
}

}  // namespace

void emitGraph(const ast::File &file, llvm::raw_ostream &out, const GraphStats *stats) {
  Topology topology = buildTopology(file);
  out << "digraph \"" << escape(file.path) << "\" {\n"
      << "  rankdir=LR;\n"
      << "  node [fontname=\"Helvetica\", fontsize=11];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  if (stats) {
    std::string title = "run of " + stats->program;
    if (stats->wallSeconds > 0) {
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, ", %.2f s", stats->wallSeconds);
      title += seconds;
    }
    out << "  label=\"" << escape(title) << "\";\n  labelloc=t;\n  fontname=\"Helvetica\";\n";
  }
  for (const auto &stage : file.stages) {
    std::string label = stageLabel(*stage, topology);
    bool bottleneck = false;
    if (stats) {
      auto s = stats->stages.find(stage->name.text);
      if (s != stats->stages.end()) {
        bottleneck = stats->bottleneck == stage->name.text;
        // The run's process count: --workers may have changed the declared one.
        long processes = s->second.processes;
        label += "\\nbusy " + percent(s->second.busyPercent) + " of " + std::to_string(processes) +
                 (processes == 1 ? " process" : " processes") +
                 (bottleneck ? std::string("\\nthe bottleneck") : std::string());
      }
    }
    out << "  \"stage:" << escape(stage->name.text) << "\" [label=\"" << label << "\", ";
    const char *fill = bottleneck ? "#ffc9c0" : stage->isPool ? "#ffe8b0" : "#dbe9ff";
    if (stage->isPool)
      out << "shape=box3d, style=filled, fillcolor=\"" << fill << "\"";
    else
      out << "shape=box, style=\"rounded,filled\", fillcolor=\"" << fill << "\"";
    if (bottleneck) out << ", color=\"#c0392b\", penwidth=3";
    out << "];\n";
  }
  for (const auto &queue : file.queues) {
    std::string capacity = queue->capacity ? countText(*queue->capacity)
                                           : std::to_string(ast::QueueDecl::defaultCapacity);
    std::string label = joinLines({(queue->isPipe ? "pipe " : "queue ") + queue->name.text,
                                   queue->type.text + ", capacity " + capacity});
    if (stats) {
      auto q = stats->queues.find(queue->name.text);
      if (q != stats->queues.end()) label += "\\nhigh water " + percent(q->second.highWaterPercent);
    }
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
      std::string label = input.binding ? escape(input.binding->text) : std::string();
      if (stats) {
        std::string figures = edgeText(*stats, edgeItems(*stats, *stage, input.queue.text, false, file));
        label += (label.empty() || figures.empty() ? "" : "\\n") + figures;
      }
      if (!label.empty()) out << " [label=\"" << label << "\"]";
      out << ";\n";
    }
    for (const auto &output : stage->outputs) {
      if (!topology.find(output.text)) continue;
      out << "  \"stage:" << escape(stage->name.text) << "\" -> \"queue:" << escape(output.text)
          << "\"";
      if (stats) {
        std::string figures = edgeText(*stats, edgeItems(*stats, *stage, output.text, true, file));
        if (!figures.empty()) out << " [label=\"" << figures << "\"]";
      }
      out << ";\n";
    }
  }
  out << "}\n";
}

}  // namespace mpl
