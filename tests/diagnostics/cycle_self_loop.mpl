// A stage feeding itself.
queue work: long

stage crawler(work) -> work { }  // expected-error:7 {{the pipeline has a cycle: crawler -> work -> crawler}}
