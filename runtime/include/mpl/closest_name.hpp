#pragma once
// "Did you mean …?": the one rule for mplc's diagnostics (compiler/diag) and a
// generated program's unknown options and stage names (src/cli.cpp), so that a typo
// gets the same suggestion from both.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace mpl {

inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The candidate closest to `name`, if close enough to be a typo of it: about one edit
// per three characters, as clang's typo correction allows, and never as many edits as
// the name has characters (`x` is no typo of `q`). The first of equally close ones wins.
template <class Candidates>
std::optional<std::string_view> closest_name(std::string_view name, const Candidates& candidates) {
  if (name.size() < 2) return std::nullopt;
  std::size_t allowed = std::min((name.size() + 2) / 3, name.size() - 1);
  std::size_t best = allowed + 1;
  std::optional<std::string_view> match;
  for (const auto& candidate : candidates) {
    std::string_view text(candidate);
    if (text == name) continue;
    // Lengths that differ by `best` or more cannot be closer (each extra character is
    // an edit): 10,000 undeclared names against 10,000 queues once took 31 s.
    std::size_t gap = text.size() > name.size() ? text.size() - name.size() : name.size() - text.size();
    if (gap >= best) continue;
    std::size_t distance = edit_distance(name, text);
    if (distance < best) {
      best = distance;
      match = text;
    }
  }
  return match;
}

}  // namespace mpl
