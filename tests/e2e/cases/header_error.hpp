// A template that fails for some types: the error is in this header, reached from
// the generated file and from a body in header_error.mpl.
#pragma once
#include <string>

template <class T> long twice(const T &x) { return x * 2; }
