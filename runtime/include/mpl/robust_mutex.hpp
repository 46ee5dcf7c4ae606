#pragma once
// A mutex in shared memory that survives the death of its holder: the next lock()
// gets EOWNERDEAD from the kernel's robust list and makes it consistent again.
#include <pthread.h>

namespace mpl {

class robust_mutex {
public:
  // Placement in MAP_SHARED memory, then init() once before any fork.
  void init();
  // Returns true when the previous holder died holding it: the mutex is consistent
  // and locked again, the data it guards may be half updated. Only this call returns
  // true for that death; the holder that recovers is the one that must repair.
  bool lock();
  void unlock();

private:
  pthread_mutex_t mutex_;
};

}  // namespace mpl
