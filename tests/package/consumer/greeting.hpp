#pragma once
#include <string>

inline std::string greeting(const std::string &name) { return "Hello, " + name + "!"; }
