// Fault injection (tests/reliability/fault.py): a four-position pipeline
//   source → q1 → pool work[2] → q2 → stage mid (whole body) → q3 → sink
// in which replica 0 of the stage or pool named by --where dies the way --how says,
// after --delay_ms, while the others are blocked: --block=full stalls the sink so every
// queue upstream of it fills; --block=empty stalls the source so every stage downstream
// of it waits on an empty queue. The victim never blocks in a queue operation itself
// (try_pop/try_push loops), so it dies on time; with --how=kill it runs normally and the
// test driver SIGKILLs it from outside at a random moment.
include <chrono>
include <csignal>
include <cstdio>
include <cstdlib>
include <ctime>
include <thread>
include <unistd.h>

/// source | work | mid | sink
param where: std::string = "mid"
/// exception | exit | abort | segv | kill
param how: std::string = "exception"
/// full | empty
param block: std::string = "full"
/// When the victim dies, in ms after it starts.
param delay_ms: long = 200
/// Where the victim writes its pid and, just before dying, CLOCK_MONOTONIC in ns.
param stamp: std::string = "/dev/null"

shared victim_started: int = 0   // the pool's victim has its item: the source may stall

queue q1: long capacity 4
queue q2: long capacity 4
queue q3: long capacity 4

cpp {
constexpr long stall_after = 6;  // items a stalling stage handles before it stalls

long monotonic_ns() {
    timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1'000'000'000L + t.tv_nsec;
}

struct victim_clock {
    long due_ns = 0;
    void start(const std::string &stamp, long delay_ms) {
        due_ns = monotonic_ns() + delay_ms * 1'000'000L;
        if (FILE *f = std::fopen(stamp.c_str(), "w")) { std::fprintf(f, "pid %d\n", int(getpid())); std::fclose(f); }
    }
    bool due() const { return monotonic_ns() >= due_ns; }
};
victim_clock victim;

[[noreturn]] void stall_forever() {
    for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

// Dies the way `how` says; "kill" waits for the driver's SIGKILL.
[[noreturn]] void die(const std::string &how, const std::string &stamp) {
    while (!victim.due()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (FILE *f = std::fopen(stamp.c_str(), "a")) { std::fprintf(f, "died %ld\n", monotonic_ns()); std::fclose(f); }
    if (how == "exception") throw std::runtime_error("injected failure");
    if (how == "exit") std::exit(3);
    if (how == "abort") std::abort();
    if (how == "segv") { std::raise(SIGSEGV); }
    stall_forever();
}

// The victim's push: never blocks, dies when due.
template <class Out> void victim_push(Out &out, long v, const std::string &how, const std::string &stamp) {
    while (!out.try_push(v)) {
        if (victim.due()) die(how, stamp);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
}
}

stage source() -> q1 {
    bool me = where == "source" && how != "kill";
    if (where == "source") victim.start(stamp, delay_ms);
    for (long i = 0;; ++i) {
        if (me && (i >= stall_after || victim.due())) die(how, stamp);
        if (block == "empty" && !me && i >= stall_after &&
            (where != "work" || victim_started.load()))
            stall_forever();
        if (me) victim_push(q1, i, how, stamp);
        else q1.push(i);
    }
}

pool work[2](x: q1) -> q2 unordered {
    // Worker 0 is the victim: it holds its first item until it is due.
    if (where == "work" && index == 0 && victim.due_ns == 0) {
        victim.start(stamp, delay_ms);
        victim_started.store(1);
        if (how != "kill") die(how, stamp);
    }
    q2.push(x);
}

stage mid(q2) -> q3 {
    bool me = where == "mid" && how != "kill";
    if (where == "mid") victim.start(stamp, delay_ms);
    for (long n = 0;; ++n) {
        long x;
        if (me) {
            if (n >= stall_after) die(how, stamp);
            while (!q2.try_pop(x)) {
                if (victim.due()) die(how, stamp);
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
            victim_push(q3, x, how, stamp);
        } else {
            auto item = q2.pop();
            if (!item) return;
            q3.push(*item);
        }
    }
}

stage sink(q3) {
    bool me = where == "sink" && how != "kill";
    if (where == "sink") victim.start(stamp, delay_ms);
    for (long n = 0;; ++n) {
        if (me && (n >= stall_after || victim.due())) die(how, stamp);
        if (block == "full" && !me && n >= stall_after) stall_forever();
        long x;
        if (me) {
            while (!q3.try_pop(x)) {
                if (victim.due()) die(how, stamp);
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        } else {
            auto item = q3.pop();
            if (!item) return;
        }
    }
}
