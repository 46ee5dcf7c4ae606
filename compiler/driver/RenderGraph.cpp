#include "driver/RenderGraph.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FileUtilities.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/raw_ostream.h>

namespace mpl {

std::optional<std::string> graphFormatFor(llvm::StringRef outputPath) {
  std::string extension = llvm::sys::path::extension(outputPath).lower();
  for (const char *format : {"svg", "png", "pdf"})
    if (extension == std::string(".") + format) return std::string(format);
  return std::nullopt;
}

bool isUnrenderedImage(llvm::StringRef outputPath) {
  std::string extension = llvm::sys::path::extension(outputPath).lower();
  for (const char *image : {".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".ps", ".eps"})
    if (extension == image) return true;
  return false;
}

bool renderGraph(llvm::StringRef dot, llvm::StringRef outputPath, llvm::StringRef format, std::string &error) {
  auto program = llvm::sys::findProgramByName("dot");
  if (!program) {
    error = "writing '" + outputPath.str() + "' needs Graphviz's 'dot' on PATH (install graphviz), or write " +
            "the DOT text with -o FILE.dot";
    return false;
  }
  llvm::SmallString<128> input, messages;
  if (llvm::sys::fs::createTemporaryFile("mplc-graph", "dot", input) ||
      llvm::sys::fs::createTemporaryFile("mplc-graph", "err", messages)) {
    error = "cannot create a temporary file";
    return false;
  }
  llvm::FileRemover removeInput(input), removeMessages(messages);
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(input, ec);
    if (ec) {
      error = "cannot write '" + input.str().str() + "': " + ec.message();
      return false;
    }
    out << dot;
  }
  std::string formatFlag = "-T" + format.str(), outputFlag = "-o" + outputPath.str();
  llvm::StringRef argv[] = {"dot", formatFlag, outputFlag, input};
  llvm::Optional<llvm::StringRef> redirects[] = {llvm::None, llvm::None, llvm::StringRef(messages)};
  std::string launchError;
  int status = llvm::sys::ExecuteAndWait(*program, argv, llvm::None, redirects, 0, 0, &launchError);
  if (status != 0) {
    auto text = llvm::MemoryBuffer::getFile(messages);
    error = "Graphviz's dot failed" + (launchError.empty() ? "" : ": " + launchError) +
            (text && !(*text)->getBuffer().empty() ? ":\n" + (*text)->getBuffer().rtrim().str() : "");
    return false;
  }
  return true;
}

}  // namespace mpl
