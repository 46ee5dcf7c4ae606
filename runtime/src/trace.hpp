#pragma once
// --trace=FILE (internal): a Chrome trace-event / Perfetto JSON timeline written by the
// supervisor. Each process's waits come from its trace ring (trace_ring.hpp), drained
// about once a millisecond and turned into "busy" / "wait input" / "wait output" slices
// on one track per process; queue fills are sampled at the same rate as counter tracks.
// Format and file size: docs/programs.md.
#include "run_plan.hpp"

#include <fmt/format.h>

#include <iterator>
#include <optional>
#include <poll.h>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace mpl::detail {

// Queue fill as the supervisor can see it: published tail (or the SPSC producer's
// per-push hint, whichever is further) minus the published head, which a consumer
// publishes in batches (so the figure may be high by up to one batch).
std::uint64_t queue_fill(const queue_view& queue);

class trace_writer {
public:
  trace_writer(const program_decl& decl, run_plan& plan, std::string path, std::uint64_t started_ns);
  ~trace_writer();
  std::optional<std::string> open();
  static constexpr std::uint64_t period_ns = 1'000'000;  // drain and sample at ~1 kHz
  std::uint64_t next_ns() const { return next_ns_; }
  void tick(std::uint64_t now);
  void process_started(int stage, int replica, pid_t pid, std::uint64_t ns);
  void process_ended(int stage, int replica, pid_t pid, std::uint64_t ns, bool stopped_early);
  void message(std::string_view text, std::uint64_t ns);  // a warning or error of the supervisor
  void close(std::uint64_t now);

private:
  struct track;
  void drain(track& t);
  void slice(const track& t, const char* name, std::uint64_t from, std::uint64_t to);
  // Appends one event (a fmt format and its arguments) to the buffer, formatted in place:
  // the supervisor writes tens of thousands a second.
  template <class... Args> void emit(fmt::format_string<Args...> format, Args&&... args) {
    if (failed_) return;
    buffer_ += ",\n";
    fmt::format_to(std::back_inserter(buffer_), format, std::forward<Args>(args)...);
    flush_if_full();
  }
  void flush_if_full();
  std::string micros(std::uint64_t ns) const;  // since the run started, as the trace writes it

  const program_decl& decl_;
  run_plan& plan_;
  std::string path_;
  std::uint64_t started_ns_, next_ns_ = 0;
  int fd_ = -1;
  std::string buffer_;
  bool failed_ = false;
  std::vector<track> tracks_;
  std::vector<std::uint64_t> last_fill_;
  std::vector<bool> ended_;  // per queue: end of stream seen
  std::uint64_t dropped_ = 0, events_ = 0;
};

}  // namespace mpl::detail
