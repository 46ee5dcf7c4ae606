// A pool without a worker count runs one worker per CPU: not one reader.
pipe jobs: long  // expected-note:6 {{pipe 'jobs' is declared here}}

stage source() -> jobs { emit(1L); }
pool crunch(job: jobs) { (void)job; }  // expected-error:18 {{pipe 'jobs' needs exactly one reader process, but 'crunch' runs as one worker per CPU}}
