// Lines from different processes never interleave mid-line.
stage talk[4]() {
    std::string line(200, char('a' + index));
    for (int i = 0; i < 500; ++i) fmt::print("{} {}\n", index, line);
}
