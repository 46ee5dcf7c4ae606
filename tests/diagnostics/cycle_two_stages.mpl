// Items going round: v1 pipelines are acyclic.
queue requests: long
queue replies: long

stage client(replies) -> requests { }  // expected-error:7 {{the pipeline has a cycle: client -> requests -> server -> replies -> client; MPL v1 pipelines must be acyclic}}
stage server(requests) -> replies { }
