// mplc --graph -o FILE.svg | FILE.png | FILE.pdf: the DOT rendered by Graphviz's `dot`.
#pragma once

#include <llvm/ADT/StringRef.h>

#include <optional>
#include <string>

namespace mpl {

/// The Graphviz output format an output path asks for ("svg", "png", "pdf"), or none
/// when the path should receive the DOT text itself (.dot, .gv, anything else).
std::optional<std::string> graphFormatFor(llvm::StringRef outputPath);

/// Runs `dot -T<format>` on `dot` into `outputPath`; false with `error` set on failure.
/// An image format Graphviz could write but mplc does not render (DOT text there would
/// be a trap).
bool isUnrenderedImage(llvm::StringRef outputPath);

bool renderGraph(llvm::StringRef dot, llvm::StringRef outputPath, llvm::StringRef format, std::string &error);

}  // namespace mpl
