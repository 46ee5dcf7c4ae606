// SIGINT to the program stops every stage; the exit status is 130.
include <csignal>
include <unistd.h>

queue numbers: long capacity 4

stage produce() -> numbers {
    for (long i = 0;; ++i) emit(i);
}

stage consume(numbers) {
    for (long x : numbers)
        if (x == 10000) ::kill(::getppid(), SIGINT);
}
