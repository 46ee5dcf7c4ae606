#include "mpl/robust_mutex.hpp"

#include "mpl/blocking.hpp"

#include <cerrno>
#include <system_error>

namespace mpl {

void robust_mutex::init() {
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
  int error = pthread_mutex_init(&mutex_, &attributes);
  pthread_mutexattr_destroy(&attributes);
  if (error) throw std::system_error(error, std::generic_category(), "pthread_mutex_init");
}

bool robust_mutex::lock() {
  int error = pthread_mutex_trylock(&mutex_);
  if (error == EBUSY) {
    // About to wait for another process, which may itself wait for room in a queue
    // this one has read from: free what it holds first, as before any sleep.
    detail::publish_all_pending();
    error = pthread_mutex_lock(&mutex_);
  }
  if (error == EOWNERDEAD) {
    // The holder died inside its critical section. Mark the mutex usable again rather
    // than failing every later lock; the caller repairs what it guards (for a shared
    // value of single stores the last complete state is as good as any; the pool's
    // claim lock replays its journal).
    pthread_mutex_consistent(&mutex_);
    return true;
  }
  if (error) throw std::system_error(error, std::generic_category(), "pthread_mutex_lock");
  return false;
}

void robust_mutex::unlock() { pthread_mutex_unlock(&mutex_); }

}  // namespace mpl
