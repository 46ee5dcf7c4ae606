#include "mpl/shared_memory.hpp"

#include <cerrno>
#include <sys/mman.h>
#include <system_error>

namespace mpl {

void* map_shared(std::size_t bytes) {
  if (bytes == 0) bytes = 1;
  void* memory = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED)
    throw std::system_error(errno, std::generic_category(), "mmap of shared memory");
  return memory;
}

void unmap_shared(void* memory, std::size_t bytes) {
  if (memory) munmap(memory, bytes == 0 ? 1 : bytes);
}

}  // namespace mpl
