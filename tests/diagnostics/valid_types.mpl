// expected-no-diagnostics
// C++ type names after ':' — built-in words, qualified names, templates, cv-qualifiers,
// pointers — and a name on the next line that starts a new declaration.
cpp { namespace geo { struct Point { double x, y; }; } }

param a: unsigned = 1
param b: unsigned long long int = 18'446'744'073'709'551'615
param c: signed char = -128
param d: long long = -9223372036854775808
param e: std::uint8_t = 255
param f: short = -32768

queue q1: std::pair<int, double>
queue q2: std::array<char, 16>
queue q3: std::vector<std::pair<std::string, std::optional<long>>>
queue q4: ::geo::Point
queue q5: std::tuple<int, bool, std::array<long, 2>> capacity 8
queue q6: long double
queue q7: std::vector<std::vector<int> >

shared s1: std::array<long, 4> = { {1, 2, 3, 4} }
shared s2: unsigned long[8]

stage produce() -> q1, q2, q3, q4, q5, q6, q7 { }
stage consume(q1, q2, q3, q4, q5, q6, q7) { }
