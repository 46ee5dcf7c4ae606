// Stages and pools named after what the generated C++ uses: run, argc, argv.
queue numbers: long
queue squares: long
queue plus: long

stage run() -> numbers { for (long i = 1; i <= 3; ++i) emit(i); }
pool argc[2](x: numbers) -> squares ordered { emit(x * x); }
pool argv[2](x: squares) -> plus ordered { emit(x + 1); }
stage main_stage(plus) { for (long x : plus) fmt::print("{}\n", x); }
