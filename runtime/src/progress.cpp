// The live progress view: what the supervisor draws on stderr while a run goes on
// (--progress; by default when stderr is a terminal). Everything comes from shared
// memory the processes keep anyway: their item counters, the time they spent waiting
// and, for a wait in progress, since when (blocking.hpp), and the queues' indices. The
// stages do nothing for it.
#include "mpl/report.hpp"
#include "progress.hpp"
#include "trace.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace mpl::detail {

namespace {
constexpr int bar_width = 24;

// A counter its process writes with plain stores: a torn read is impossible for an
// aligned 64-bit word, and a stale one only lags a little.
std::uint64_t peek(const std::uint64_t& counter) {
  return std::atomic_ref<std::uint64_t>(const_cast<std::uint64_t&>(counter)).load(std::memory_order_relaxed);
}

std::string rate_text(double per_second) {
  for (auto [scale, unit] : {std::pair{1e9, "G"}, {1e6, "M"}, {1e3, "k"}})
    if (per_second >= scale) return fmt::format("{:.3g}{}/s", per_second / scale, unit);
  return fmt::format("{:.3g}/s", per_second);
}

int terminal_columns() {
  winsize size{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1) return size.ws_col;
  return 120;
}
}  // namespace

progress_view::progress_view(const program_decl& decl, run_plan& plan, std::uint64_t started_ns)
    : decl_(decl), plan_(plan), started_ns_(started_ns), last_ns_(started_ns), last_(decl.stages.size()),
      rates_(decl.stages.size(), "-"), busy_(decl.stages.size(), -1), wait_in_(decl.stages.size(), 0),
      wait_out_(decl.stages.size(), 0) {}

progress_view::~progress_view() {
  for (relay* r : {&output_})
    for (int fd : {r->read_fd, r->write_fd})
      if (fd >= 0) ::close(fd);
}

bool progress_view::wanted(const parsed_command_line& options) {
  if (options.progress == progress_mode::automatic) return isatty(STDERR_FILENO) == 1;
  return options.progress == progress_mode::on;
}

// The stages' stderr, and their stdout when it is the terminal the view is drawn on,
// become pipes to the supervisor. Without pipes there is no view: it would tear lines.
bool progress_view::open() {
  if (fcntl(STDERR_FILENO, F_GETFD) < 0) return false;  // stderr closed: nowhere to draw
  // Both on the terminal: one pipe for both, so that a stage's stdout and stderr lines
  // stay in the order it wrote them.
  stdout_too_ = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1;
  for (relay* r : {&output_}) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) return false;
    r->read_fd = ends[0];
    r->write_fd = ends[1];
    fcntl(r->read_fd, F_SETFL, O_NONBLOCK);
  }
  return true;
}

void progress_view::in_child() {
  if (stdout_too_ && output_.write_fd >= 0) dup2(output_.write_fd, STDOUT_FILENO);
  for (relay* r : {&output_}) {
    if (r->write_fd >= 0) dup2(r->write_fd, r->target);  // dup2 clears close-on-exec
    for (int fd : {r->read_fd, r->write_fd})
      if (fd >= 0) ::close(fd);
    r->read_fd = r->write_fd = -1;
  }
}

void progress_view::add_poll_fds(std::vector<pollfd>& fds) const {
  for (const relay* r : {&output_})
    if (r->read_fd >= 0) fds.push_back({r->read_fd, POLLIN, 0});
}

void progress_view::process_started(int stage, int replica, std::uint64_t ns) {
  processes_.push_back({stage, replica, ns, 0});
}

void progress_view::process_ended(int stage, int replica, std::uint64_t ns) {
  for (process_span& p : processes_)
    if (p.stage == stage && p.replica == replica && p.ended_ns == 0) p.ended_ns = ns;
}

void progress_view::tick(std::uint64_t now, bool output_ready) {
  if (output_ready || now >= next_ns_) relay_output(false);
  if (now >= next_ns_) draw(now);
}

// Whole lines from the pipes go above the view; a partial line waits for its newline
// (or for the end of the run).
void progress_view::relay_output(bool everything) {
  bool cleared = false;
  for (relay* r : {&output_}) {
    if (r->read_fd < 0) continue;
    char chunk[65536];
    ssize_t got;
    while ((got = ::read(r->read_fd, chunk, sizeof chunk)) > 0) r->pending.append(chunk, static_cast<std::size_t>(got));
    std::size_t newline = r->pending.rfind('\n');
    std::size_t complete = everything ? r->pending.size() : newline == std::string::npos ? 0 : newline + 1;
    if (complete == 0) continue;
    if (!cleared) clear();
    cleared = true;
    write_quietly(r->target, std::string_view(r->pending).substr(0, complete));
    r->pending.erase(0, complete);
  }
  if (cleared && !closed_ && next_ns_ != 0) draw(last_ns_);
}

void progress_view::clear() {
  if (drawn_lines_ > 0) write_quietly(STDERR_FILENO, fmt::format("\x1b[{}F\x1b[J", drawn_lines_));
  drawn_lines_ = 0;
}

void progress_view::before_message() { clear(); }
void progress_view::after_message() {
  if (!closed_ && next_ns_ != 0) draw(last_ns_);  // only once the view has been drawn
}

// Redraws in one write: back to the view's first line, clear to the end, the new view.
void progress_view::draw(std::uint64_t now) {
  std::string text;
  try {
    text = render(now);
  } catch (...) {  // out of memory: skip this frame
    return;
  }
  std::string frame = drawn_lines_ > 0 ? fmt::format("\x1b[{}F\x1b[J", drawn_lines_) : std::string();
  frame += text;
  drawn_lines_ = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  write_quietly(STDERR_FILENO, frame);
}

// Per stage over the last interval: items/s, and the share of its processes' time spent
// working, waiting for input and waiting for room (a wait in progress counts up to now).
std::string progress_view::render(std::uint64_t now) {
  if (now > last_ns_ && now >= next_ns_) {
    double interval = static_cast<double>(now - last_ns_);
    for (std::size_t s = 0; s < decl_.stages.size(); ++s) {
      stage_sample sample;
      for (int r = 0; r < plan_.stages[s].replicas; ++r) {
        const process_stats& stats = plan_.stages[s].records[r].stats;
        sample.items_in += peek(stats.items_in);
        sample.items_out += peek(stats.items_out);
        sample.wait_in_ns += peek(stats.blocked_in_ns);
        sample.wait_out_ns += peek(stats.blocked_out_ns);
        std::uint64_t since = stats.waiting_since.load(std::memory_order_acquire);
        if (since && since < now) {
          bool input = stats.wait_kind.load(std::memory_order_relaxed) == static_cast<std::uint32_t>(wait_kind::input);
          (input ? sample.wait_in_ns : sample.wait_out_ns) += now - since;
        }
      }
      std::uint64_t alive = 0;
      for (const process_span& p : processes_)
        if (p.stage == static_cast<int>(s)) {
          std::uint64_t from = std::max(p.started_ns, last_ns_), to = p.ended_ns ? std::min(p.ended_ns, now) : now;
          if (to > from) alive += to - from;
        }
      const stage_sample& before = last_[s];
      bool sink = decl_.stages[s].outputs.empty();
      std::uint64_t moved = sink ? sample.items_in - before.items_in : sample.items_out - before.items_out;
      rates_[s] = rate_text(static_cast<double>(moved) / (interval / 1e9));
      if (alive == 0) {
        busy_[s] = -1;  // nothing ran in this interval
      } else {
        auto share = [&](std::uint64_t then, std::uint64_t later) {
          return later > then ? std::min(100.0, 100.0 * static_cast<double>(later - then) / alive) : 0.0;
        };
        wait_in_[s] = share(before.wait_in_ns, sample.wait_in_ns);
        wait_out_[s] = std::min(100.0 - wait_in_[s], share(before.wait_out_ns, sample.wait_out_ns));
        busy_[s] = 100.0 - wait_in_[s] - wait_out_[s];
      }
      last_[s] = sample;
    }
    last_ns_ = now;
    next_ns_ = now + period_ns;
  }

  std::size_t width = 5;
  for (const auto& stage : decl_.stages) width = std::max(width, stage.name.size());
  for (const auto& queue : decl_.queues) width = std::max(width, queue.name.size());
  std::vector<std::string> lines;
  lines.push_back(fmt::format("{}: running for {:.1f} s", decl_.name, (now - started_ns_) / 1e9));
  lines.push_back(fmt::format("{:<{}}  {:>5}  {:>12}  {:>12}  {:>9}  {:>5}  {:>7}  {:>8}", "stage", width, "procs",
                              "items in", "items out", "rate", "busy", "wait in", "wait out"));
  for (std::size_t s = 0; s < decl_.stages.size(); ++s) {
    int running = 0;
    for (const process_span& p : processes_) running += p.stage == static_cast<int>(s) && p.ended_ns == 0;
    std::uint64_t items_in = last_[s].items_in, items_out = last_[s].items_out;
    std::string shares = busy_[s] < 0 ? fmt::format("  {:>5}", running ? "-" : "done")
                                      : fmt::format("  {:>4.0f}%  {:>6.0f}%  {:>7.0f}%", busy_[s], wait_in_[s],
                                                    wait_out_[s]);
    lines.push_back(fmt::format("{:<{}}  {:>5}  {:>12}  {:>12}  {:>9}{}", decl_.stages[s].name, width, running,
                                items_in, items_out, rates_[s], shares));
  }
  for (std::size_t q = 0; q < decl_.queues.size(); ++q) {
    const queue_view& queue = plan_.queues[q];
    std::uint64_t fill = queue_fill(queue);
    int filled = static_cast<int>((fill * bar_width + queue.slot_count / 2) / queue.slot_count);
    lines.push_back(fmt::format("{:<{}}  [{}{}] {:>3.0f}%  {}/{}", decl_.queues[q].name, width,
                                std::string(static_cast<std::size_t>(filled), '#'),
                                std::string(static_cast<std::size_t>(bar_width - filled), '.'),
                                100.0 * static_cast<double>(fill) / static_cast<double>(queue.slot_count), fill,
                                queue.slot_count));
  }
  // A line wider than the terminal would wrap, and the view could not find its top again.
  std::size_t columns = static_cast<std::size_t>(terminal_columns()) - 1;
  std::string text;
  for (std::string& line : lines) {
    if (line.size() > columns) {
      // Cut between fields, never inside a number: a column that does not fit is left out.
      std::size_t cut = line.rfind(' ', columns);
      line.resize(cut == std::string::npos || cut == 0 ? columns : cut);
      while (!line.empty() && line.back() == ' ') line.pop_back();
    }
    text += line + "\n";
  }
  return text;
}

void progress_view::close(std::uint64_t) {
  relay_output(true);
  clear();
  closed_ = true;
}

}  // namespace mpl::detail
