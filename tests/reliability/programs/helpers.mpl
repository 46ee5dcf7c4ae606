// Processes a stage starts must not outlive the run (promises.py helpers): a shell
// background job, a popen'd command never pclosed, and a forked child.
include <cstdio>
include <cstdlib>
include <unistd.h>

queue q: long
stage produce() -> q {
    if (std::system("sleep 30 &") != 0) throw std::runtime_error("system failed");
    FILE* never_closed = popen("sleep 31", "r");
    (void)never_closed;
    if (fork() == 0) {
        execlp("sleep", "sleep", "32", static_cast<char*>(nullptr));
        _exit(1);
    }
    emit(1);
}
stage consume(q) { for (long x : q) fmt::print("{}\n", x); }
