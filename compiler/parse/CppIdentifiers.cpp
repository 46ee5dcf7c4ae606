#include "parse/CppIdentifiers.h"

namespace mpl {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isWordStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isWordPart(char c) { return isWordStart(c) || isDigit(c); }

class Scanner {
public:
  explicit Scanner(llvm::StringRef code) : s_(code) {}

  std::vector<CppIdentifier> run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '"' || c == '\'') skipQuoted(c);
      else if (s_.substr(i_).startswith("//")) skipUntil("\n");
      else if (s_.substr(i_).startswith("/*")) i_ += 2, skipUntil("*/");
      else if (isWordStart(c)) word();
      else if (isDigit(c) || (c == '.' && i_ + 1 < s_.size() && isDigit(s_[i_ + 1]))) skipNumber();
      else ++i_;
    }
    return std::move(found_);
  }

private:
  // As the MPL lexer: a literal left open ends at its line's end.
  void skipQuoted(char quote) {
    ++i_;
    while (i_ < s_.size() && s_[i_] != '\n') {
      char c = s_[i_++];
      if (c == quote) return;
      if (c == '\\' && i_ < s_.size()) ++i_;
    }
  }

  void skipUntil(llvm::StringRef end) {
    std::size_t at = s_.find(end, i_);
    i_ = at == llvm::StringRef::npos ? s_.size() : at + end.size();
  }

  /// True when the text before `at` (spaces aside) is `.`, `->` or `name::`.
  bool isMemberAccess(std::size_t at) const {
    std::size_t j = at;
    while (j > 0 && (s_[j - 1] == ' ' || s_[j - 1] == '\t' || s_[j - 1] == '\n' || s_[j - 1] == '\r')) --j;
    llvm::StringRef before = s_.take_front(j);
    if (before.endswith("->")) return true;
    if (before.endswith(".")) return !before.endswith("..");  // not after `...`
    if (!before.endswith("::")) return false;
    std::size_t k = j - 2;
    while (k > 0 && (s_[k - 1] == ' ' || s_[k - 1] == '\t')) --k;
    return k > 0 && (isWordPart(s_[k - 1]) || s_[k - 1] == '>');  // x::name, T<…>::name
  }

  void word() {
    std::size_t start = i_;
    while (i_ < s_.size() && isWordPart(s_[i_])) ++i_;
    llvm::StringRef text = s_.slice(start, i_);
    bool rawPrefix = text == "R" || text == "LR" || text == "uR" || text == "UR" || text == "u8R";
    if (rawPrefix && i_ < s_.size() && s_[i_] == '"') {
      std::size_t open = s_.find('(', i_);
      if (open == llvm::StringRef::npos || open - i_ > 17) return skipQuoted('"');
      // Appended, not `")" + …`: g++ 12 -O3 warns (-Wrestrict) on that concatenation.
      std::string close(1, ')');
      close.append(s_.slice(i_ + 1, open).str()).push_back('"');
      i_ = open;
      return skipUntil(close);
    }
    bool prefix = text == "L" || text == "u" || text == "U" || text == "u8";
    if (prefix && i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'')) return;  // u8"…"
    if (!isMemberAccess(start)) found_.push_back({start, text});
  }

  void skipNumber() {
    ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (isWordPart(c) || c == '.') {
        ++i_;
        if ((c == 'e' || c == 'E' || c == 'p' || c == 'P') && i_ < s_.size() &&
            (s_[i_] == '+' || s_[i_] == '-'))
          ++i_;
      } else if (c == '\'' && i_ + 1 < s_.size() && isWordPart(s_[i_ + 1])) {
        i_ += 2;
      } else {
        return;
      }
    }
  }

  llvm::StringRef s_;
  std::size_t i_ = 0;
  std::vector<CppIdentifier> found_;
};

}  // namespace

std::vector<CppIdentifier> cppIdentifiers(llvm::StringRef code) { return Scanner(code).run(); }

}  // namespace mpl
