// expected-no-diagnostics
// C++ bodies full of braces that do not count: in string and character literals,
// comments, raw strings, and the braces that do, in lambdas and initializer lists.
include <map>

cpp {
    // A } in a comment does not close the block, nor does a { open one.
    /* neither } here { */
    struct Point { double x{0}, y{0}; };
    inline const char *open_brace = "{";
    inline const char close_brace = '}';
}

queue lines: std::string
queue points: Point

stage produce() -> lines, points {
    std::string json = "{\"key\": \"}}\"}";            // escaped quotes, braces inside
    char open = '{', close = '}', quote = '\'', backslash = '\\';
    long million = 1'000'000;                          // digit separators, not chars
    unsigned mask = 0xFF'FF'u, bits = 0b1010'1010;
    double tiny = 1.5e-3, hex = 0x1.8p+3;
    auto raw = R"(a raw } string { with "quotes")";
    auto tagged = R"tag(a )" inside } )tag";
    auto wide = L'{';
    auto utf8 = u8"}";
    std::map<std::string, std::vector<int>> nested{{"a", {1, 2, {}}}, {"b", {}}};
    auto twice = [&](int x) { return [x] { return std::vector<int>{x, x}; }(); };
    if (million > 0) {
        for (const auto &[key, values] : nested) {
            lines.push(key + json + std::string(1, open) + std::string(1, close));
        }
    }
    // }}}} in a line comment at the end of the body
    points.push(Point{static_cast<double>(twice(1).size()), tiny + hex});
    (void)quote; (void)backslash; (void)mask; (void)bits; (void)raw; (void)tagged;
    (void)wide; (void)utf8;
}

stage consume(lines, points) {
    for (const auto &line : lines) fmt::print("{}\n", line);  /* } */
    for (const Point &p : points) fmt::print("({}, {})\n", p.x, p.y);
}
