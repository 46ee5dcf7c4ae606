// SIGPIPE (tests/reliability/reliability.py sigpipe): `./talk | head -1` must end
// quietly with the shell's usual status, 141, whatever the other stages are doing.
queue numbers: long capacity 4
queue lines: long capacity 4

stage count() -> numbers {
    for (long i = 0;; ++i) emit(i);
}

pool relay[2](x: numbers) -> lines {
    emit(x);
}

stage talk(lines) {
    for (long x : lines) fmt::print("line {}\n", x);
}
