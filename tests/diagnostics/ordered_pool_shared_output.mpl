// Input order cannot hold on a queue another stage also writes.
queue jobs: long
queue results: long

stage source() -> jobs, results { jobs.push(1); results.push(0); }  // expected-note:25 {{other writer is here}}
pool work[2](job: jobs) -> results ordered { emit(job); }  // expected-error:36 {{ordered pool 'work' must be the only writer of 'results', but 'source' writes it too; use 'unordered'}}
stage sink(results) { }
