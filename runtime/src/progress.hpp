#pragma once
// The live progress view (internal): on stderr, redrawn in place a few times a second
// while the run goes on, one line per stage and one per queue, cleared at exit. While it
// is up, the stages' stderr (and stdout, when it is the same terminal) goes through a
// pipe to the supervisor, which prints whole lines above the view, so the view never
// tears a line of theirs. docs/programs.md shows it.
#include "run_plan.hpp"

#include <optional>
#include <poll.h>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace mpl::detail {

class progress_view {
public:
  progress_view(const program_decl& decl, run_plan& plan, std::uint64_t started_ns);
  ~progress_view();
  static bool wanted(const parsed_command_line& options);
  bool open();  // the relay pipes; false: no view (the run goes on without)
  void in_child();
  static constexpr std::uint64_t period_ns = 200'000'000;  // five redraws a second
  std::uint64_t next_ns() const { return next_ns_; }
  void add_poll_fds(std::vector<pollfd>& fds) const;
  void tick(std::uint64_t now, bool output_ready);
  void process_started(int stage, int replica, std::uint64_t ns);
  void process_ended(int stage, int replica, std::uint64_t ns);
  void before_message();  // the supervisor is about to write to stderr: clear the view
  void after_message();
  void close(std::uint64_t now);

private:
  struct relay {
    int read_fd = -1, write_fd = -1, target;
    std::string pending;
  };
  void relay_output(bool everything);
  void clear();
  void draw(std::uint64_t now);
  std::string render(std::uint64_t now);

  const program_decl& decl_;
  run_plan& plan_;
  std::uint64_t started_ns_, next_ns_ = 0, last_ns_ = 0;
  relay output_{-1, -1, 2, {}};  // the stages' stderr (and stdout, when stdout_too_)
  bool stdout_too_ = false;      // stdout is the terminal too: it shares the pipe
  int drawn_lines_ = 0;
  bool closed_ = false;
  struct process_span {
    int stage, replica;
    std::uint64_t started_ns, ended_ns;
  };
  std::vector<process_span> processes_;
  struct stage_sample {
    std::uint64_t items_in = 0, items_out = 0, wait_in_ns = 0, wait_out_ns = 0;
  };
  std::vector<stage_sample> last_;
  std::vector<std::string> rates_;  // per stage, as last computed
  std::vector<double> busy_, wait_in_, wait_out_;
};

}  // namespace mpl::detail
