// Several producers and consumers on one queue: every tagged item arrives exactly
// once, and each producer's items stay in order.
include <map>

param per_producer: long = 50000

queue items: std::pair<int, long> capacity 128
queue seen: std::vector<std::pair<int, long>> capacity 8

stage produce[3]() -> items {
    for (long i = 0; i < per_producer; ++i) emit(std::pair{index, i});
}

stage consume[2](items) -> seen {
    std::vector<std::pair<int, long>> got;
    std::map<int, long> last;
    for (auto item : items) {
        auto [producer, sequence] = item;
        auto it = last.find(producer);
        if (it != last.end() && sequence <= it->second)
            throw std::runtime_error("producer order broken");
        last[producer] = sequence;
        got.push_back(item);
    }
    emit(std::move(got));
}

stage collect(seen) {
    std::map<int, std::vector<bool>> arrived;
    long total = 0;
    for (const auto &batch : seen) {
        for (auto [producer, sequence] : batch) {
            auto &flags = arrived[producer];
            flags.resize(per_producer);
            if (flags[sequence]) throw std::runtime_error("duplicate item");
            flags[sequence] = true;
            ++total;
        }
    }
    fmt::print("{} producers, {} items, each exactly once\n", arrived.size(), total);
}
