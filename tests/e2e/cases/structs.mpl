// User types from a cpp block travel through queues and live in shared memory.
cpp {
struct Point {
    double x, y;
};
}

shared origin: Point = { 1.5, -2.0 }
shared moves: long = 0

queue points: Point
queue labels: std::pair<std::string, Point>

stage make() -> points {
    for (int i = 0; i < 3; ++i) emit(Point{double(i), double(i * i)});
}

stage label(p: points) -> labels {
    { auto g = origin.lock(); g->x += 1; }
    moves += 1;
    emit(std::pair{fmt::format("p{}", int(p.x)), p});
}

stage show(labels) {
    for (const auto &[name, p] : labels) fmt::print("{} = ({}, {})\n", name, p.x, p.y);
}

after {
    auto g = origin.lock();
    fmt::print("origin = ({}, {}) after {} moves\n", g->x, g->y, moves.load());
}
