// A pool worker that exits (with any status) while it holds items is a failure naming
// the pool and the item, or with retry a retry; never a hang, never a silent loss.
include <cstdlib>

/// ordered | unordered | retry | plain_stage
param mode: std::string = "ordered"
param status: int = 0
/// How many attempts of item 500 exit (with retry: fewer than 4 lets the run succeed).
param exits: int = 1000

shared exited: int = 0

queue src: long capacity 16
queue out: long capacity 16
queue out_retry: long capacity 16
queue out_plain: long capacity 16
queue out_stage: long capacity 16

stage produce() -> src {
    for (long i = 0; i < 2000; ++i) emit(i);
}


stage route(src) -> in_ordered, in_retry, in_plain, in_stage {
    // The sink drains the outputs one after the other: end the unused paths at once.
    if (mode != "ordered") in_ordered.close();
    if (mode != "retry") in_retry.close();
    if (mode != "unordered") in_plain.close();
    if (mode != "plain_stage") in_stage.close();
    for (long x : src) {
        if (mode == "ordered") in_ordered.push(x);
        else if (mode == "retry") in_retry.push(x);
        else if (mode == "unordered") in_plain.push(x);
        else in_stage.push(x);
    }
}

queue in_ordered: long capacity 16
queue in_retry: long capacity 16
queue in_plain: long capacity 16
queue in_stage: long capacity 16

pool ordered_pool[2](x: in_ordered) -> out ordered { if (x == 500 && mode == "ordered" && exited.fetch_add(1) < exits) std::exit(status); emit(x); }
pool retry_pool[2](x: in_retry) -> out_retry unordered retry 3 { if (x == 500 && mode == "retry" && exited.fetch_add(1) < exits) std::exit(status); emit(x); }
pool plain_pool[2](x: in_plain) -> out_plain unordered { if (x == 500 && mode == "unordered" && exited.fetch_add(1) < exits) std::exit(status); emit(x); }
stage per_item(x: in_stage) -> out_stage { if (x == 500 && mode == "plain_stage" && exited.fetch_add(1) < exits) std::exit(status); emit(x); }

stage sink(out, out_retry, out_plain, out_stage) {
    long k = 0;
    for (long v : out) { (void)v; ++k; }
    for (long v : out_retry) { (void)v; ++k; }
    for (long v : out_plain) { (void)v; ++k; }
    for (long v : out_stage) { (void)v; ++k; }
    fmt::print("sink got {} items\n", k);
}
