// A queue whose item type cannot travel fails at the queue's line.
include <map>

queue tables: std::map<int, int>

stage produce() -> tables {
    emit(std::map<int, int>{{1, 2}});
}

stage consume(tables) {
    for (const auto &t : tables) (void)t;
}
