// Read, never written: the reader would wait for items that never come.
queue requests: std::string  // expected-error:7 {{queue 'requests' is read by 'serve' but no stage writes it}}

stage serve(requests) {  // expected-note:13 {{read here}}
    for (const auto &r : requests) fmt::print("{}\n", r);
}
