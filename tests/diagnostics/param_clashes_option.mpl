// Every generated program already has --help, --stats and --workers.
param stats: bool = false  // expected-error:7 {{param 'stats' would clash with the option --stats that every MPL program has; choose another name}}
