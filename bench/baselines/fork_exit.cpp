// Start-up floor: 64 fork()s whose children _exit(0) at once, then wait() for all —
// what the kernel alone costs for 64 processes (no runtime, no supervisor).
#include <sys/wait.h>
#include <unistd.h>

int main() {
  for (int i = 0; i < 64; ++i)
    if (fork() == 0) _exit(0);
  while (wait(nullptr) > 0) {
  }
}
