// run_watch: the progress view and the trace, as the supervisor drives them.
#include "watch.hpp"
#include "mpl/blocking.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace mpl::detail {

run_watch::run_watch(const program_decl& decl, run_plan& plan, const parsed_command_line& options,
                     std::uint64_t started_ns)
    : plan_(plan), trace_file_(options.trace_file), stats_json_file_(options.stats_json_file) {
  if (!options.trace_file.empty())
    trace_ = std::make_unique<trace_writer>(decl, plan, options.trace_file, started_ns);
  if (progress_view::wanted(options)) progress_ = std::make_unique<progress_view>(decl, plan, started_ns);
}

std::optional<std::string> run_watch::open() {
  // A file the run could not write at its end is refused before it starts, as --trace's.
  if (!stats_json_file_.empty()) {
    if (stats_json_file_ == trace_file_)
      return fmt::format("--trace and --stats-json name the same file '{}'", trace_file_);
    int fd = ::open(stats_json_file_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) return fmt::format("cannot write the stats to '{}': {}", stats_json_file_, std::strerror(errno));
    ::close(fd);
  }
  if (trace_)
    if (auto error = trace_->open()) return error;
  if (progress_ && !progress_->open()) progress_.reset();  // no pipes: run without the view
  if (trace_ || progress_) set_report_observer(this);
  return std::nullopt;
}

void run_watch::in_child(int stage, int replica) {
  set_report_observer(nullptr);  // a stage's messages go to its (relayed) stderr as they are
  if (progress_) progress_->in_child();
  if (trace_) trace_events = &plan_.stages[stage].traces[replica];
}

int run_watch::timeout_ms(std::uint64_t now) const {
  std::uint64_t next = ~std::uint64_t{0};
  if (trace_) next = std::min(next, trace_->next_ns());
  if (progress_) next = std::min(next, progress_->next_ns());
  if (next == ~std::uint64_t{0}) return -1;
  return next <= now ? 0 : static_cast<int>((next - now + 999'999) / 1'000'000);
}

void run_watch::add_poll_fds(std::vector<pollfd>& fds) const {
  if (progress_) progress_->add_poll_fds(fds);
}

void run_watch::tick(std::uint64_t now, bool output_ready) {
  if (trace_ && now >= trace_->next_ns()) trace_->tick(now);
  if (progress_) progress_->tick(now, output_ready);
}

void run_watch::process_started(int stage, int replica, pid_t pid, std::uint64_t ns) {
  if (trace_) trace_->process_started(stage, replica, pid, ns);
  if (progress_) progress_->process_started(stage, replica, ns);
}

void run_watch::process_ended(int stage, int replica, pid_t pid, std::uint64_t ns, bool stopped_early) {
  if (trace_) trace_->process_ended(stage, replica, pid, ns, stopped_early);
  if (progress_) progress_->process_ended(stage, replica, ns);
}

void run_watch::close(std::uint64_t now) {
  set_report_observer(nullptr);
  if (progress_) progress_->close(now);
  if (trace_) trace_->close(now);
  progress_.reset();
  trace_.reset();
}

void run_watch::before_report(std::string_view text) noexcept {
  try {
    if (trace_) trace_->message(text, monotonic_ns());
  } catch (...) {  // out of memory: the message still goes out
  }
  try {
    if (progress_) progress_->before_message();
  } catch (...) {
  }
}

void run_watch::after_report() noexcept {
  try {
    if (progress_) progress_->after_message();
  } catch (...) {
  }
}

}  // namespace mpl::detail
