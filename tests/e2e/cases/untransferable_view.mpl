// A std::string_view is a pointer and a length: the characters stay behind.
include <string_view>

queue views: std::string_view

stage produce() -> views {
    emit(std::string_view("hello"));
}

stage consume(views) {
    for (std::string_view v : views) (void)v;
}
