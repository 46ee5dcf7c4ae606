// A C++ error in an included header: every file the messages name exists after mplc
// (the generated C++ is kept in the cache and named), none is a deleted /tmp file.
include "header_error.hpp"

queue numbers: long

stage produce() -> numbers {
    emit(twice(std::string("x")));
}

stage consume(numbers) {
    for (long x : numbers) (void)x;
}
