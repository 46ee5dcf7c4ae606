// expected-no-diagnostics
// Every declaration form of docs/language.md ("Declarations", "Stages and pools").
include <cmath>
include "point.hpp"

cpp { struct Job { int id; double weight; }; }

/// How many numbers to produce.
/// (Help text may take several lines.)
param count: long = 5
param input: std::string
param verbose: bool = false
param scale: double = -1.5e3
param ratio: float = .5
param qsize: std::size_t = 64
param workers_per_stage: int = 2
param offset: int = +3
param mask: unsigned long long = 0xFFFF'FFFF
param first_letter: char = 65
param title: std::string = "a \"quoted\" title"

queue numbers: long
queue lines: std::string capacity 256
queue jobs: Job capacity qsize
queue results: double
queue evens: long
queue odds: long
pipe control: int

shared hits: long = 0
shared histogram: long[16]
shared origin: Job = { 1, 2.5 }
shared done: bool = false

before { hits.store(0); }
after { fmt::print("{} hits\n", hits.load()); }

stage produce() -> numbers, control {
    for (long i = 1; i <= count; ++i) numbers.push(i);
    control.push(1);
}
stage replicated[workers_per_stage](numbers) -> jobs {
    for (long n : numbers) jobs.push(Job{static_cast<int>(n), 1.0 * index / replicas});
}
pool square[4](job: jobs) -> results ordered retry 2 { emit(job.weight * job.weight); }
pool split(x: results) -> evens, odds unordered {
    if (static_cast<long>(x) % 2 == 0) evens.push(static_cast<long>(x));
    else odds.push(static_cast<long>(x));
}
stage per_item(n: evens) -> lines { emit(std::to_string(n)); }
stage report(lines, odds, control) {
    for (const auto &line : lines) fmt::print("{}\n", line);
    for (long o : odds) hits += o;
    for (int c : control) (void)c;
}
