// Whole lines whatever their length (promises.py long-lines): four processes print
// long lines through fmt, printf and iostreams at once; each must arrive whole.
include <cstdio>
include <iostream>
include <string>

param length: long = 20000
param lines: long = 300

stage talk[4]() {
    std::string line(static_cast<std::size_t>(length), static_cast<char>('a' + index));
    for (long i = 0; i < lines; ++i) {
        if (i % 3 == 0) fmt::print("{}\n", line);
        else if (i % 3 == 1) std::printf("%s\n", line.c_str());
        else std::cout << line << '\n';
    }
}
