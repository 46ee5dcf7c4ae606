// Whole lines on standard output, whatever their length (docs/programs.md). A write to
// a pipe longer than PIPE_BUF (4 KiB) can be interleaved with other writers' bytes, so
// each child's stdout becomes a stream that writes complete lines only, each with one
// series of write(2)s under a process-shared lock. printf, fmt::print and std::cout all
// go through it; bytes after the last newline wait for the rest of their line (or for
// the process's end).
#include "mpl/report.hpp"
#include "run_plan.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ext/stdio_sync_filebuf.h>
#include <iostream>
#include <string>
#include <unistd.h>

namespace mpl::detail {

namespace {
// A line longer than this is written in parts (the guarantee is for lines up to 1 MiB).
constexpr std::size_t longest_whole_line = std::size_t{16} << 20;
constexpr std::size_t stream_buffer_bytes = std::size_t{64} << 10;

std::string pending;  // bytes after the last complete line

bool write_locked(const char* data, std::size_t size) {
  bool locked = control != nullptr;
  if (locked) control->stdout_lock.lock();
  bool ok = write_all(STDOUT_FILENO, std::string_view(data, size));
  if (locked) control->stdout_lock.unlock();
  return ok;
}

ssize_t write_lines(void*, const char* data, std::size_t size) {
  try {
    pending.append(data, size);
  } catch (...) {
    errno = ENOMEM;
    return -1;
  }
  std::size_t newline = pending.rfind('\n');
  std::size_t complete = newline == std::string::npos ? 0 : newline + 1;
  if (complete == 0 && pending.size() >= longest_whole_line) complete = pending.size();
  if (complete == 0) return static_cast<ssize_t>(size);
  bool ok = write_locked(pending.data(), complete);
  pending.erase(0, complete);
  return ok ? static_cast<ssize_t>(size) : -1;
}

void write_rest() {
  std::fflush(stdout);
  if (!pending.empty()) write_locked(pending.data(), pending.size());
  pending.clear();
}
}  // namespace

void start_child_output() {
  cookie_io_functions_t functions{nullptr, write_lines, nullptr, nullptr};
  FILE* lines = fopencookie(nullptr, "w", functions);
  if (!lines) {  // keep the inherited stream: still line-buffered
    std::setvbuf(stdout, nullptr, _IOLBF, BUFSIZ);
    return;
  }
  // fileno(stdout) stays 1: code asks isatty(fileno(stdout)), and
  // std::ios::sync_with_stdio(false) makes std::cout write to that descriptor directly
  // (then whole only up to PIPE_BUF: docs/programs.md).
  lines->_fileno = STDOUT_FILENO;
  std::setvbuf(lines, nullptr, _IOLBF, stream_buffer_bytes);
  stdout = lines;  // glibc: stdout is an ordinary variable, meant to be assignable
  static __gnu_cxx::stdio_sync_filebuf<char> cout_buffer(lines);
  std::cout.rdbuf(&cout_buffer);
  std::atexit(write_rest);  // a body that calls exit() still prints its last line
}

void end_child_output() {
  std::cout.flush();  // after sync_with_stdio(false) it has a buffer of its own
  std::clog.flush();
  write_rest();
  std::fflush(nullptr);
}

}  // namespace mpl::detail
