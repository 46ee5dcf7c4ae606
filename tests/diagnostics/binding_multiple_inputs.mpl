// The per-item form takes exactly one input.
queue left: long
queue right: long

stage source() -> left, right { left.push(1); right.push(2); }
stage join(x: left, right) { (void)x; }  // expected-error:12 {{per-item binding 'x: left' needs exactly one input, but stage 'join' has 2; read several queues in whole-body form (bare queue names)}}
