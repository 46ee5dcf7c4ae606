include "greeting.hpp"

queue names: std::string

stage produce() -> names {
    for (const char *name : {"Ada", "Grace", "Barbara"}) emit(name);
}

stage greet(names) {
    for (const auto &name : names) fmt::print("{}\n", greeting(name));
}
