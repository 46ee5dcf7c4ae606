// The graph tests' pipeline: a stage, a pool with retries, a replicated stage, a pipe,
// and a capacity named by a param.
param count: long = 5
param qsize: int = 64

queue numbers: long capacity qsize
queue squares: long
queue partials: std::pair<long, long>
pipe summary: long

stage produce() -> numbers {
    for (long i = 1; i <= count; ++i) emit(i);
}

pool square[4](x: numbers) -> squares retry 2 {
    emit(x * x);
}

stage sum[2](squares) -> partials {
    long total = 0;
    for (long s : squares) total += s;
    emit(std::pair{static_cast<long>(index), total});
}

stage combine(partials) -> summary {
    long total = 0;
    for (auto [replica, partial] : partials) total += partial;
    emit(total);
}

stage report(summary) {
    for (long total : summary) fmt::print("{}\n", total);
}
