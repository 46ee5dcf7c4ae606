// Hostile limits (limits.py): a shared array of 8 TiB. Mapping it used to happen in a
// static constructor, before main: --help crashed too.
shared huge: long[1099511627776]

stage s() {
    fmt::print("started\n");
    huge[index] += 1;
}

after {
    fmt::print("{}\n", huge[0].load());
}
