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
  // and locked again, the data it guards may be half updated.
  bool lock();
  void unlock();
  // True once lock() has recovered the mutex from a dead holder.
  bool recovered_from_dead_owner() const { return recovered_; }

private:
  pthread_mutex_t mutex_;
  bool recovered_ = false;
};

}  // namespace mpl
