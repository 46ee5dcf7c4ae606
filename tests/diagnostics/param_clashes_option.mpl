// Every generated program already has --help, --stats, --workers, --timeout, --progress
// and --trace.
param stats: bool = false  // expected-error:7 {{param 'stats' would clash with the option --stats that every MPL program has; choose another name}}
param progress: bool = true  // expected-error:7 {{param 'progress' would clash with the option --progress that every MPL program has; choose another name}}
param trace: std::string = ""  // expected-error:7 {{param 'trace' would clash with the option --trace that every MPL program has; choose another name}}
