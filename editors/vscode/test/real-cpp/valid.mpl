// Valid C++ that VS Code's C++ grammar parses with multi-line regions of its own; each
// body must still end at its '}' (checked by real-cpp.test.mjs).
cpp { extern "C" { int puts(const char*); } }
queue q1: long
cpp {
extern "C" {
int putchar(int);
}
namespace util::detail { inline int twice(int v) { return v + v; } }
enum class Color : int { red, green };
struct D : public std::exception {
    const char* what() const noexcept override { return "d"; }
};
struct F {
    F() : x{1} {}
    long operator()(long v) const { return v + x; }
    int x;
};
template <typename T> requires std::integral<T>
T thrice(T v) { return 3 * v; }
inline long f(long x)
{
    return x;
}
#define CHECK(c) do { if (!(c)) throw std::runtime_error(#c); } while (0)
}
queue q2: long
stage s() -> q1 {
    switch (index) { case 0: emit(1); break; default: break; }
    auto f = [&](long v) -> long { return v; };
    std::sort(v.begin(), v.end(), [](long a, long b) {
        return a > b;
    });
    try {
        emit(f(2));
    } catch (const std::exception& e) {
        fmt::print("{}\n", e.what());
    }
    struct Local { int a; } loc{1};
    auto make = []() -> std::pair<int, int> { return {1, 2}; };
    std::map<int, std::string> m{{1, "a}"}, {2, "{"}};
    for (const auto& [k, v] : m) { emit(k); }
    fmt::print("{}\n",
               loc.a);
}
queue q3: long
before { std::vector<int> v = {1, 2}; for (int i : v) { (void)i; } }
after {
    if constexpr (sizeof(long) == 8) {
        fmt::print("{}\n", hits.load());
    }
    int arr[] = {1, 2, 3};
}
stage t(q1) { for (long x : q1) (void)x; }
pool p[2](x: q2) -> q3 { auto g = [x] { return x; }; emit(g()); }
