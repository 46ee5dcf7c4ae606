// A program built with mplc --mpi (docs/distributed.md): MPI_Init in the process that
// becomes the rank's supervisor, the run over every rank, the bridge thread, MPI errors
// reported in MPL's words, and MPI_Finalize.
#include "bridge.hpp"
#include "mpl/blocking.hpp"
#include "mpl/report.hpp"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <thread>
#include <time.h>
#include <unistd.h>

namespace mpl::detail {
namespace {

std::string mpi_error_text(int code) {
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  if (MPI_Error_string(code, text, &length) != MPI_SUCCESS) return fmt::format("MPI error {}", code);
  return std::string(text, static_cast<std::size_t>(length));
}

int world_rank = 0;
std::string world_host;

// Replaces MPI's default handler, which aborts every rank without saying why.
void on_mpi_error(MPI_Comm*, int* code, ...) {
  report("error: rank {} ({}): MPI failed: {}; stopping the run\n", world_rank, world_host,
         mpi_error_text(*code));
}

// Idle rounds: yield first, then sleep longer and longer, up to `cap_ns`: 200 µs while
// items may still move (a bridge waiting for credit or a chunk's cut must notice it
// soon), 10 ms once only a stop can still arrive (the stages keep the cores).
class backoff {
public:
  static constexpr long moving_cap_ns = 20'000, quiet_cap_ns = 10'000'000;
  void reset() { idle_ = 0; }
  void pause(long cap_ns) {
    if (++idle_ < 64) return std::this_thread::yield();
    long ns = std::min<long>(cap_ns, 1000L << std::min(idle_ - 64, 14));
    timespec t{ns / 1'000'000'000, ns % 1'000'000'000};
    nanosleep(&t, nullptr);
  }

private:
  int idle_ = 0;
};

class mpi_cluster final : public distribution {
public:
  mpi_cluster(int rank, int ranks, std::string host) : rank_(rank), ranks_(ranks), host_(std::move(host)) {
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  }
  ~mpi_cluster() override {
    if (thread_.joinable()) {
      finishing_ = true;
      thread_.join();
    }
    close(wake_fd_);
  }
  int rank() const override { return rank_; }
  int ranks() const override { return ranks_; }
  const std::string& host() const override { return host_; }
  int wake_fd() const override { return wake_fd_; }

  void start(const program_decl& decl, const run_plan& plan) override {
    // One rank has no one to talk to: the run is the single-host run.
    if (thread_.joinable() || ranks_ == 1) return;
    bridge_ = std::make_unique<bridge>(decl, plan, MPI_COMM_WORLD, rank_, ranks_);
    busy_ = !bridge_->idle();
    thread_ = std::thread([this] { thread_main(); });
  }
  bool busy() const override { return busy_.load(); }
  std::optional<int> remote_stop() override {
    std::uint64_t ignored;
    [[maybe_unused]] ssize_t drained = read(wake_fd_, &ignored, sizeof ignored);
    int status = remote_status_.load();
    if (status) return status;
    return std::nullopt;
  }
  void local_stop(int status) override {
    int expected = 0;
    local_status_.compare_exchange_strong(expected, status ? status : 1);
  }
  int finish(int status) override {
    if (!thread_.joinable()) return status;  // nothing was started: every rank saw the same error
    final_status_ = status;
    finishing_ = true;
    thread_.join();
    // Its ring ends live in the run's shared memory, which is unmapped after this.
    traffic_ = bridge_->traffic();
    bridge_.reset();
    if (!settled_) {
      if (!failed_)
        report("error: rank {} ({}): the ranks did not finish ending the run within {} s; stopping them all\n",
               rank_, host_, settle_seconds);
      std::fflush(nullptr);
      MPI_Abort(MPI_COMM_WORLD, 1);  // ends every rank's supervisor, and so every process
    }
    return final_status_;
  }

  std::string stats_text(int local_processes, std::uint64_t local_items) override {
    struct rank_figures {
      char host[64];
      std::int64_t processes, items, peak_rss_kib;
    };
    rank_figures mine{};
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);  // the supervisor, where the bridge buffers
    mine.peak_rss_kib = usage.ru_maxrss;
    std::snprintf(mine.host, sizeof mine.host, "%s", host_.c_str());
    mine.processes = local_processes;
    mine.items = static_cast<std::int64_t>(local_items);
    std::vector<rank_figures> all(static_cast<std::size_t>(ranks_));
    MPI_Gather(&mine, sizeof mine, MPI_BYTE, all.data(), sizeof mine, MPI_BYTE, 0, MPI_COMM_WORLD);
    std::size_t per_rank = 3 * (queue_names_ ? queue_names_->size() : 0);
    std::vector<std::uint64_t> traffic(per_rank);
    for (std::size_t q = 0; q < traffic_.size() && 3 * q < per_rank; ++q) {
        const queue_traffic& t = traffic_[q];
        traffic[3 * q] = t.bytes, traffic[3 * q + 1] = t.messages, traffic[3 * q + 2] = t.items;
      }
    std::vector<std::uint64_t> all_traffic(per_rank * static_cast<std::size_t>(ranks_));
    MPI_Gather(traffic.data(), static_cast<int>(per_rank), MPI_UINT64_T, all_traffic.data(),
               static_cast<int>(per_rank), MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (rank_ != 0) return {};
    std::string text = fmt::format("\n{:<6}{:<24}{:>10}{:>14}{:>18}\n", "rank", "host", "processes", "items read",
                                   "supervisor peak");
    for (int r = 0; r < ranks_; ++r)
      text += fmt::format("{:<6}{:<24}{:>10}{:>14}{:>14.1f} MiB\n", r, all[r].host, all[r].processes, all[r].items,
                          all[r].peak_rss_kib / 1024.0);
    if (per_rank && queue_names_) {
      text += fmt::format("\n{:<6}{:<20}{:>14}{:>12}{:>14}   (sent to other ranks)\n", "rank", "queue", "items", "messages", "bytes");
      for (int r = 0; r < ranks_; ++r)
        for (std::size_t q = 0; q < per_rank / 3; ++q) {
          const std::uint64_t* t = &all_traffic[static_cast<std::size_t>(r) * per_rank + 3 * q];
          if (t[1]) text += fmt::format("{:<6}{:<20}{:>14}{:>12}{:>14}\n", r, (*queue_names_)[q], t[2], t[1], t[0]);
        }
    }
    return text;
  }
  void set_queue_names(const std::vector<std::string>* names) { queue_names_ = names; }

private:
  static constexpr int settle_seconds = 10;

  void thread_main() {
    backoff idle;
    bool stop_sent = false;
    auto tell_a_stop = [&] {
      if (int status = local_status_.load(); status && !stop_sent) {
        bridge_->send_stop(status);
        bridge_->abandon();
        stop_sent = true;
      }
    };
    try {
      while (!finishing_) {
        tell_a_stop();
        bool progressed = bridge_->step();
        if (int remote = bridge_->remote_stop(); remote && !remote_status_.load()) {
          bridge_->abandon();
          remote_status_ = remote;
          notify();
        }
        if (busy_ && bridge_->idle()) {
          busy_ = false;
          notify();
        }
        if (progressed) idle.reset();
        else idle.pause(busy_ ? backoff::moving_cap_ns : backoff::quiet_cap_ns);
      }
      tell_a_stop();  // the supervisor may have stopped and finished between two rounds
      int status = final_status_;
      settled_ = bridge_->settle(status, settle_seconds * 1'000'000'000ull);
      final_status_ = status;
    } catch (const mpi_failure&) {  // on_mpi_error said what MPI reported
      failed_ = true;
      final_status_ = 1;
      remote_status_ = 1;
      busy_ = false;
      notify();
    }
  }
  void notify() {
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t written = write(wake_fd_, &one, sizeof one);
  }

  int rank_, ranks_;
  std::string host_;
  int wake_fd_ = -1;
  std::unique_ptr<bridge> bridge_;
  std::vector<queue_traffic> traffic_;  // the bridge's, once it ended
  std::thread thread_;
  std::atomic<bool> busy_{false}, finishing_{false};
  std::atomic<int> remote_status_{0}, local_status_{0};
  int final_status_ = 0;
  bool settled_ = false, failed_ = false;
  const std::vector<std::string>* queue_names_ = nullptr;
};

}  // namespace

namespace {
// Started by mpirun, mpiexec or srun: each sets one of these in every rank.
bool under_an_mpi_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"})
    if (std::getenv(name)) return true;
  return false;
}
}  // namespace

int run_distributed(program_decl& decl, command_line_parser& parser, int argc, char** argv) {
  if (!under_an_mpi_launcher()) {  // one rank: exactly the ordinary build, without MPI's start-up
    setenv("MPL_RANK", "0", 1);
    setenv("MPL_RANKS", "1", 1);
    return run_program(decl, parser, argc, argv);
  }
  // MPI's own threads start in MPI_Init: they must inherit a mask that leaves SIGCHLD,
  // SIGINT and SIGTERM to the supervisor's signalfd (a default action in another thread
  // would end the rank without its processes being stopped).
  sigset_t signals, old_mask;
  sigemptyset(&signals);
  for (int signal : {SIGCHLD, SIGINT, SIGTERM}) sigaddset(&signals, signal);
  pthread_sigmask(SIG_BLOCK, &signals, &old_mask);
  int provided = 0;
  if (MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS) {
    report("error: {}: MPI_Init failed (was the program started by mpirun or srun?)\n", decl.name);
    return 1;
  }
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  // A crash is reported by MPL's supervisor, or by mpirun for the supervisor itself: not
  // by the backtrace handlers MPI_Init installed (forked stages would inherit them too).
  for (int crash : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(crash, SIG_DFL);
  int rank = 0, ranks = 1, length = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  char host[MPI_MAX_PROCESSOR_NAME];
  MPI_Get_processor_name(host, &length);
  world_rank = rank;
  world_host.assign(host, static_cast<std::size_t>(length));
  if (provided < MPI_THREAD_SERIALIZED) {
    if (rank == 0) report("error: {}: this MPI library cannot be called from a helper thread (MPI_THREAD_SERIALIZED)\n", decl.name);
    MPI_Finalize();
    return 1;
  }
  // What a stage body may read to know where it runs (docs/distributed.md).
  setenv("MPL_RANK", std::to_string(rank).c_str(), 1);
  setenv("MPL_RANKS", std::to_string(ranks).c_str(), 1);
  MPI_Errhandler handler;
  MPI_Comm_create_errhandler(on_mpi_error, &handler);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, handler);
  // Connect every pair of ranks now, while all are healthy: a first connection made
  // later, between two ranks that both send at once while a third is failing, has made
  // Open MPI's TCP transport stall ("connect() ... Operation now in progress").
  std::vector<int> hello(static_cast<std::size_t>(ranks), rank), heard(static_cast<std::size_t>(ranks));
  MPI_Alltoall(hello.data(), 1, MPI_INT, heard.data(), 1, MPI_INT, MPI_COMM_WORLD);

  std::vector<std::string> queue_names;
  for (const queue_decl& queue : decl.queues) queue_names.push_back(queue.name);
  int status;
  {
    mpi_cluster cluster(rank, ranks, world_host);
    cluster.set_queue_names(&queue_names);
    status = run_program(decl, parser, argc, argv, &cluster);
  }
  std::fflush(nullptr);
  MPI_Finalize();
  // Every rank agreed on the status, and rank 0 reports it. mpirun takes two more
  // seconds to end a job whose failing rank exits last (or with the others), but none
  // when it exits a moment before them: so after a failure the other ranks, their work
  // done, leave a little later (measured with Open MPI 4.1; docs/distributed.md).
  if (rank != 0 && status != 0) {
    timespec moment{0, 50'000'000};
    nanosleep(&moment, nullptr);
  }
  return rank == 0 ? status : 0;
}

}  // namespace mpl::detail
