#pragma once
// The options every generated program has besides its params (docs/programs.md). One
// list for the program's command-line parser (src/cli.cpp: unknown options and their
// suggestions) and for mplc, which refuses a param of the same name
// (compiler/check/Checks.cpp): an option added here is reserved there too.
#include <array>
#include <string_view>

namespace mpl {

inline constexpr std::array<std::string_view, 9> program_option_names{
    "help", "stats", "stats-json", "workers", "place", "timeout", "progress", "no-progress", "trace"};

}  // namespace mpl
