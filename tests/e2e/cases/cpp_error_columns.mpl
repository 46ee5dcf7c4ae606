// C++ errors in bodies are reported at their .mpl line and column, also when the body
// starts on its header's line: stages, pools, hooks, cpp blocks and shared values.
param count: long = 3

cpp { inline long twice(long x) { return 2 * x + undeclared_in_cpp; } }

shared total: long = { undeclared_in_shared }

queue numbers: long
queue doubled: long

stage produce() -> numbers { for (long i = 0; i < cuont; ++i) emit(i); }
pool twice_all[2](x: numbers) -> doubled {	emit(twice(x) + undeclared_in_pool); }
stage report(doubled) {
    for (long x : doubled) fmt::print("{}\n", x + undeclared_in_report);
}

before {   undeclared_in_before(); }
