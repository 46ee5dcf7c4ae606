#pragma once
// Watching a run while it runs (internal): the live progress view (progress.cpp) and
// the timeline trace (trace.cpp). Both live in the supervisor and read what the
// processes already keep in shared memory (counters, wait state, the trace rings), so
// the stages pay nothing per item. The supervisor's loop wakes them between child
// events (run_watch::timeout_ms) and tells them about processes starting and ending.
#include "mpl/report.hpp"
#include "progress.hpp"
#include "run_plan.hpp"
#include "trace.hpp"

#include <memory>
#include <optional>
#include <poll.h>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace mpl::detail {

class run_watch final : public report_observer {
public:
  run_watch(const program_decl& decl, run_plan& plan, const parsed_command_line& options, std::uint64_t started_ns);
  ~run_watch() { set_report_observer(nullptr); }
  run_watch(const run_watch&) = delete;
  run_watch& operator=(const run_watch&) = delete;

  // Before the first fork: opens the trace file and the output relay; the error text
  // when the trace file cannot be written.
  std::optional<std::string> open();
  // In a child, before its body: its output goes through the relay, its waits to its ring.
  void in_child(int stage, int replica);

  // Milliseconds until tick() has work (-1: never, nothing is watched).
  int timeout_ms(std::uint64_t now) const;
  void add_poll_fds(std::vector<pollfd>& fds) const;
  void tick(std::uint64_t now, bool output_ready);  // output_ready: a relay pipe has data

  void process_started(int stage, int replica, pid_t pid, std::uint64_t ns);
  void process_ended(int stage, int replica, pid_t pid, std::uint64_t ns, bool stopped_early);
  // At the end of the run, before the stats: relays what is left, clears the view,
  // completes the trace file.
  void close(std::uint64_t now);

  void before_report(std::string_view text) noexcept override;
  void after_report() noexcept override;

private:
  run_plan& plan_;
  std::unique_ptr<trace_writer> trace_;
  std::string trace_file_, stats_json_file_;
  std::unique_ptr<progress_view> progress_;
};

}  // namespace mpl::detail
