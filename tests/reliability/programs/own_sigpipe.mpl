// A stage killed by SIGPIPE from its own pipe (not the program's stdout) is an ordinary
// failure: status 1, the stage named, `after` skipped (promises.py hostile-stderr).
include <unistd.h>

queue q: long
stage produce() -> q {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    close(fds[0]);
    char byte = 'x';
    [[maybe_unused]] ssize_t written = write(fds[1], &byte, 1);
    emit(1);
}
stage consume(q) { for (long x : q) fmt::print("{}\n", x); }
after { fmt::print("after ran\n"); }
