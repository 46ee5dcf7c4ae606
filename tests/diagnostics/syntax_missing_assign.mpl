// A default value without '=': the param declaration is complete before it.
param count: long 5  // expected-error:19 {{unexpected '5' after a complete param declaration; a new declaration starts with include, cpp, param, queue, pipe, shared, stage, pool, before or after}}
