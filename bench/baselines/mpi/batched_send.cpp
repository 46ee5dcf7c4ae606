// Baseline for MPL's 2-stage pipeline across two MPI ranks (docs/distributed.md): what a
// careful hand-written MPI program does — rank 0 makes the longs 0..n-1 and sends them
// in batches of 8,192 with two sends in flight; rank 1 receives and sums. Prints the sum.
// usage: mpirun -n 2 batched_send --items=N
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  long items = 100000000;
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--items=", 8) == 0) items = std::atol(argv[i] + 8);
  constexpr long batch = 8192;
  if (rank == 0) {
    std::vector<long> buffers[2] = {std::vector<long>(batch), std::vector<long>(batch)};
    MPI_Request sent[2] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    long next = 0;
    for (int turn = 0; next < items; turn ^= 1) {
      MPI_Wait(&sent[turn], MPI_STATUS_IGNORE);
      long count = std::min(batch, items - next);
      for (long i = 0; i < count; ++i) buffers[turn][i] = next + i;
      next += count;
      MPI_Isend(buffers[turn].data(), static_cast<int>(count), MPI_LONG, 1, 0, MPI_COMM_WORLD, &sent[turn]);
    }
    MPI_Waitall(2, sent, MPI_STATUSES_IGNORE);
    MPI_Send(nullptr, 0, MPI_LONG, 1, 0, MPI_COMM_WORLD);  // the end
  } else if (rank == 1) {
    std::vector<long> buffer(batch);
    long sum = 0;
    for (;;) {
      MPI_Status status;
      MPI_Recv(buffer.data(), static_cast<int>(batch), MPI_LONG, 0, 0, MPI_COMM_WORLD, &status);
      int count = 0;
      MPI_Get_count(&status, MPI_LONG, &count);
      if (count == 0) break;
      for (int i = 0; i < count; ++i) sum += buffer[i];
    }
    std::printf("%ld\n", sum);
  }
  MPI_Finalize();
  return 0;
}
