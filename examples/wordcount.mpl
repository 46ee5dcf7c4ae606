// Word frequencies through a pool: the same output as
//   tr -cs 'A-Za-z' '\n' | tr 'A-Z' 'a-z' | grep . | sort | uniq -c | sort -rn
// (with LC_ALL=C): count descending, then word descending, "%7d word" per line.
include <algorithm>
include <cctype>
include <fstream>
include <iostream>
include <unordered_map>

/// Text file to read; standard input when empty.
param input: std::string = ""
/// Lines per work item handed to a worker.
param chunk_lines: long = 2000

queue chunks: std::string capacity 64
queue partial_counts: std::vector<std::pair<std::string, long>> capacity 64

stage read() -> chunks {
    std::ifstream file;
    std::istream *in = &std::cin;
    if (!input.empty()) {
        file.open(input);
        if (!file) throw std::runtime_error("cannot open '" + input + "'");
        in = &file;
    }
    std::string text, line;
    long lines = 0;
    while (std::getline(*in, line)) {
        text += line;
        text += '\n';
        if (++lines == chunk_lines) {
            emit(std::move(text));
            text.clear();
            lines = 0;
        }
    }
    if (!text.empty()) emit(std::move(text));
}

pool count[2](text: chunks) -> partial_counts unordered {
    std::unordered_map<std::string, long> counts;
    std::string word;
    for (char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            ++counts[word];
            word.clear();
        }
    }
    if (!word.empty()) ++counts[word];
    emit(std::vector<std::pair<std::string, long>>(counts.begin(), counts.end()));
}

stage merge(partial_counts) {
    std::unordered_map<std::string, long> totals;
    for (const auto &part : partial_counts)
        for (const auto &[word, n] : part) totals[word] += n;
    std::vector<std::pair<std::string, long>> sorted(totals.begin(), totals.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first > b.first;
    });
    std::string out;
    for (const auto &[word, n] : sorted) fmt::format_to(std::back_inserter(out), "{:>7} {}\n", n, word);
    fmt::print("{}", out);
}
