// A misspelt keyword on the line of a complete declaration.
queue numbers: long capcity 16  // expected-error:21 {{unexpected 'capcity' after a complete queue declaration; a new declaration starts with include, cpp, param, queue, pipe, shared, stage, pool, before or after; did you mean 'capacity'?}}
