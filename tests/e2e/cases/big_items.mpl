// Items far larger than the queue's capacity (64 MiB through capacity 2).
include <numeric>

queue blobs: std::vector<unsigned char> capacity 2

stage produce() -> blobs {
    for (std::size_t size : {std::size_t(1), std::size_t(1) << 20, std::size_t(64) << 20, std::size_t(3)}) {
        std::vector<unsigned char> blob(size);
        for (std::size_t i = 0; i < size; ++i) blob[i] = static_cast<unsigned char>(i * 31 + size);
        emit(std::move(blob));
    }
}

stage check(blobs) {
    for (const auto &blob : blobs) {
        for (std::size_t i = 0; i < blob.size(); ++i)
            if (blob[i] != static_cast<unsigned char>(i * 31 + blob.size()))
                throw std::runtime_error("corrupted byte");
        fmt::print("{} bytes intact\n", blob.size());
    }
}
