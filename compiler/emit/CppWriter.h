// A text buffer for generated C++ that knows its own line numbers, so that it can
// emit `#line` directives into the .mpl file and back into itself.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace mpl {

class CppWriter {
public:
  CppWriter(std::string sourcePath, std::string generatedPath)
      : sourcePath_(std::move(sourcePath)), generatedPath_(std::move(generatedPath)) {}

  template <class... Args> void line(fmt::format_string<Args...> format, Args &&...args) {
    append(fmt::format(format, std::forward<Args>(args)...));
    append("\n");
  }
  void blank() { append("\n"); }

  /// Text copied from the .mpl file, starting on `mplLine` after `indent` (see
  /// SourcePosition); ends with a newline.
  void sourceText(unsigned mplLine, std::string_view indent, std::string_view text) {
    atSource(mplLine, indent);
    append(text);
    append("\n");
    backToGenerated();
  }

  /// A `#line` into the .mpl file, then `indent`: what is written next on this line is
  /// reported by the C++ compiler at `mplLine` and at the column after `indent`.
  void atSource(unsigned mplLine, std::string_view indent = {}) {
    append(fmt::format("#line {} {}\n", mplLine, quote(sourcePath_)));
    append(indent);
  }
  /// Text on the current line, without a newline.
  void write(std::string_view code) { append(code); }
  void backToGenerated() {
    if (!generatedPath_.empty())
      append(fmt::format("#line {} {}\n", currentLine_ + 2, quote(generatedPath_)));
  }

  const std::string &text() const { return text_; }

  /// A C++ string literal holding `text`.
  static std::string quote(std::string_view text) {
    std::string quoted = "\"";
    for (char c : text) {
      switch (c) {
      case '"': quoted += "\\\""; break;
      case '\\': quoted += "\\\\"; break;
      case '\n': quoted += "\\n"; break;
      case '\t': quoted += "\\t"; break;
      default: quoted += c;
      }
    }
    return quoted + "\"";
  }

private:
  void append(std::string_view text) {
    for (char c : text) currentLine_ += c == '\n';
    text_ += text;
  }

  std::string sourcePath_;
  std::string generatedPath_;
  std::string text_;
  unsigned currentLine_ = 0;  // complete lines so far; a directive written now is line +1
};

}  // namespace mpl
