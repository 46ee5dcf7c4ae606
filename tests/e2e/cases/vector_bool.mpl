// std::vector<bool> has no data(): it passed the transferable check, then failed to
// compile inside the codec. Its bits travel packed.
queue masks: std::vector<bool>

stage produce() -> masks {
    for (int n : {0, 1, 8, 13}) {
        std::vector<bool> mask(n);
        for (int i = 0; i < n; ++i) mask[i] = i % 3 == 0;
        emit(mask);
    }
}

stage consume(masks) {
    for (const std::vector<bool> &mask : masks) {
        std::string text;
        for (bool bit : mask) text += bit ? '1' : '0';
        fmt::print("{} [{}]\n", mask.size(), text);
    }
}
