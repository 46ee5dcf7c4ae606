// --trace=FILE: the timeline of a run as Chrome trace-event JSON (opens in
// ui.perfetto.dev and chrome://tracing). The supervisor writes it alone: each process
// only appends its wait begins and ends to its ring on its wait slow path, so a traced
// stage pays nothing per item and an untraced one nothing at all.
//
// Layout: one trace "process" per stage (pid = stage index + 2, so each stage's tracks
// are grouped), one track per OS process in it (tid = its pid, named stage[replica]);
// pid 1 is the run itself: one counter track per queue (fill in slots) and global
// instants (end of stream, every warning and error the supervisor reports). Slices are
// complete events ("X"), so none is ever left open; a process's slices follow each
// other without overlap, from its fork to its exit.
#include "mpl/blocking.hpp"
#include "mpl/report.hpp"
#include "run_summary.hpp"
#include "trace.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace mpl::detail {

trace_ring* trace_events = nullptr;

std::uint64_t queue_fill(const queue_view& queue) {
  std::uint64_t tail = queue.shared->tail.load(std::memory_order_relaxed);
  if (queue.kind == ring_kind::spsc) tail = std::max(tail, queue.shared->tail_hint.load(std::memory_order_relaxed));
  std::uint64_t head = queue.shared->head.load(std::memory_order_relaxed);
  return tail > head ? std::min(tail - head, queue.slot_count) : 0;
}

namespace {
constexpr std::size_t flush_bytes = 256 << 10;
constexpr int run_pid = 1;  // the trace's "process" of the run itself (queues, messages)

// Nanoseconds as microseconds with three decimals, from integers: slices are most of a
// trace, and integer formatting is several times cheaper than floating point.
void append_micros(std::string& out, std::uint64_t ns) {
  out += fmt::format_int(ns / 1000).c_str();
  char fraction[5] = {'.', char('0' + ns / 100 % 10), char('0' + ns / 10 % 10), char('0' + ns % 10), 0};
  out += fraction;
}

const char* slice_name(std::uint32_t kind) {
  return kind == static_cast<std::uint32_t>(wait_kind::input)    ? "wait input"
         : kind == static_cast<std::uint32_t>(wait_kind::output) ? "wait output"
                                                                  : "busy";
}
}  // namespace

struct trace_writer::track {
  int stage, replica;
  pid_t pid;
  trace_ring* ring;
  bool running;
  std::uint32_t state;  // the wait_kind of the open slice (none: busy)
  std::uint64_t since;  // where the open slice began
  std::uint64_t dropped_seen;
};

trace_writer::trace_writer(const program_decl& decl, run_plan& plan, std::string path, std::uint64_t started_ns)
    : decl_(decl), plan_(plan), path_(std::move(path)), started_ns_(started_ns),
      last_fill_(plan.queues.size(), ~std::uint64_t{0}), ended_(plan.queues.size(), false) {}

trace_writer::~trace_writer() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<std::string> trace_writer::open() {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd_ < 0) return fmt::format("cannot write the trace to '{}': {}", path_, std::strerror(errno));
  buffer_ = "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n";
  buffer_ += fmt::format("{{\"ph\":\"M\",\"pid\":{},\"name\":\"process_name\",\"args\":{{\"name\":{}}}}}", run_pid,
                         json_string(decl_.name + " (queues, supervisor)"));
  buffer_ += fmt::format(",\n{{\"ph\":\"M\",\"pid\":{},\"name\":\"process_sort_index\",\"args\":{{\"sort_index\":0}}}}",
                         run_pid);
  for (std::size_t s = 0; s < decl_.stages.size(); ++s) {
    const char* kind = decl_.stages[s].kind == stage_kind::pool ? "pool" : "stage";
    buffer_ += fmt::format(",\n{{\"ph\":\"M\",\"pid\":{},\"name\":\"process_name\",\"args\":{{\"name\":{}}}}}",
                           s + 2, json_string(fmt::format("{} {}", kind, decl_.stages[s].name)));
    buffer_ += fmt::format(",\n{{\"ph\":\"M\",\"pid\":{},\"name\":\"process_sort_index\",\"args\":{{\"sort_index\":{}}}}}",
                           s + 2, s + 1);
  }
  tracks_.reserve(64);
  return std::nullopt;
}

std::string trace_writer::micros(std::uint64_t ns) const {
  std::string text;
  append_micros(text, ns > started_ns_ ? ns - started_ns_ : 0);
  return text;
}

void trace_writer::flush_if_full() {
  ++events_;
  if (buffer_.size() < flush_bytes) return;
  failed_ = !write_all(fd_, buffer_);
  buffer_.clear();
}

void trace_writer::slice(const track& t, const char* name, std::uint64_t from, std::uint64_t to) {
  if (to <= from || failed_) return;  // nothing to see
  buffer_ += ",\n{\"ph\":\"X\",\"pid\":";
  buffer_ += fmt::format_int(t.stage + 2).c_str();
  buffer_ += ",\"tid\":";
  buffer_ += fmt::format_int(t.pid).c_str();
  buffer_ += ",\"ts\":";
  append_micros(buffer_, from > started_ns_ ? from - started_ns_ : 0);
  buffer_ += ",\"dur\":";
  append_micros(buffer_, to - from);
  buffer_ += ",\"name\":\"";
  buffer_ += name;
  buffer_ += "\"}";
  flush_if_full();
}

void trace_writer::process_started(int stage, int replica, pid_t pid, std::uint64_t ns) {
  trace_ring* ring = &plan_.stages[stage].traces[replica];
  tracks_.push_back({stage, replica, pid, ring, true, 0, ns, ring->dropped.load(std::memory_order_relaxed)});
  emit("{{\"ph\":\"M\",\"pid\":{},\"tid\":{},\"name\":\"thread_name\",\"args\":{{\"name\":{}}}}}",
                   stage + 2, pid, json_string(fmt::format("{}[{}]", decl_.stages[stage].name, replica)));
  emit("{{\"ph\":\"M\",\"pid\":{},\"tid\":{},\"name\":\"thread_sort_index\",\"args\":{{\"sort_index\":{}}}}}",
                   stage + 2, pid, replica);
}

// Turns the ring's begin/end events into slices. A lost event (full ring) shows as a
// begin while waiting or an end while busy: the open slice is closed there and an
// instant says how many events were lost.
void trace_writer::drain(track& t) {
  trace_ring& ring = *t.ring;
  std::uint64_t head = ring.head.load(std::memory_order_relaxed);
  std::uint64_t tail = ring.tail.load(std::memory_order_acquire);
  for (; head < tail; ++head) {
    const trace_event& event = ring.events[head % trace_ring_events];
    std::uint64_t ns = std::max(event.ns, t.since);
    slice(t, slice_name(t.state), t.since, ns);  // a retry splits the slice: the next attempt starts here
    t.since = ns;
    if (event.kind == trace_retry) {
      emit("{{\"ph\":\"i\",\"s\":\"t\",\"pid\":{},\"tid\":{},\"ts\":{},\"name\":\"retry "
                       "item {}\"}}",
                       t.stage + 2, t.pid, micros(ns), event.detail);
      continue;
    }
    t.state = event.detail ? event.kind : static_cast<std::uint32_t>(wait_kind::none);
  }
  ring.head.store(head, std::memory_order_release);
  std::uint64_t dropped = ring.dropped.load(std::memory_order_relaxed);
  if (dropped != t.dropped_seen) {
    emit("{{\"ph\":\"i\",\"s\":\"t\",\"pid\":{},\"tid\":{},\"ts\":{},\"name\":\"{} trace events "
                     "lost (ring full)\"}}",
                     t.stage + 2, t.pid, micros(t.since), dropped - t.dropped_seen);
    dropped_ += dropped - t.dropped_seen;
    t.dropped_seen = dropped;
  }
}

void trace_writer::process_ended(int, int, pid_t pid, std::uint64_t ns, bool stopped_early) {
  for (track& t : tracks_) {
    if (t.pid != pid || !t.running) continue;
    drain(t);
    ns = std::max(ns, t.since);
    slice(t, slice_name(t.state), t.since, ns);
    t.running = false;
    emit("{{\"ph\":\"i\",\"s\":\"t\",\"pid\":{},\"tid\":{},\"ts\":{},\"name\":\"{}\"}}", t.stage + 2,
                     t.pid, micros(ns), stopped_early ? "exit (stopped early)" : "exit");
  }
}

void trace_writer::tick(std::uint64_t now) {
  next_ns_ = now + period_ns;
  for (track& t : tracks_)
    if (t.running) drain(t);
  for (std::size_t q = 0; q < plan_.queues.size(); ++q) {
    std::uint64_t fill = queue_fill(plan_.queues[q]);
    if (fill != last_fill_[q]) {  // a flat line needs no samples
      emit("{{\"ph\":\"C\",\"pid\":{},\"ts\":{},\"name\":{},\"args\":{{\"fill\":{}}}}}", run_pid,
                       micros(now), json_string(std::string("queue ") + plan_.queues[q].name), fill);
      last_fill_[q] = fill;
    }
    if (!ended_[q] && plan_.queues[q].all_producers_closed()) {
      ended_[q] = true;
      emit("{{\"ph\":\"i\",\"s\":\"g\",\"pid\":{},\"tid\":0,\"ts\":{},\"name\":{}}}", run_pid,
                       micros(now), json_string(std::string("end of stream: ") + plan_.queues[q].name));
    }
  }
}

void trace_writer::message(std::string_view text, std::uint64_t ns) {
  while (!text.empty() && (text.back() == '\n' || text.front() == '\n'))
    text = text.back() == '\n' ? text.substr(0, text.size() - 1) : text.substr(1);
  if (text.empty()) return;
  emit("{{\"ph\":\"i\",\"s\":\"g\",\"pid\":{},\"tid\":0,\"ts\":{},\"name\":{}}}", run_pid, micros(ns),
                   json_string(text));
}

void trace_writer::close(std::uint64_t now) {
  if (fd_ < 0) return;
  tick(now);
  for (track& t : tracks_)  // a process still running now (the run was stopped) ends here
    if (t.running) process_ended(t.stage, t.replica, t.pid, now, false);
  if (!failed_) {
    buffer_ += fmt::format("\n],\"otherData\":{{\"program\":{},\"events\":{},\"lost_events\":{}}}}}\n",
                           json_string(decl_.name), events_, dropped_);
    failed_ = !write_all(fd_, buffer_);
    buffer_.clear();
  }
  if (::close(fd_) != 0) failed_ = true;
  fd_ = -1;
  if (failed_) report("warning: the trace '{}' is incomplete: {}\n", path_, std::strerror(errno));
}

}  // namespace mpl::detail
