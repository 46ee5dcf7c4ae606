#include "lsp/Transport.h"

#include <llvm/ADT/StringExtras.h>

#include <unistd.h>

#include <cerrno>

namespace mpl::lsp {

/// Bodies larger than this are not read into memory; no real document comes close.
constexpr std::size_t maxBody = 256u << 20;

bool Transport::fill() {
  if (at_ > 0) buffer_.erase(0, at_), at_ = 0;
  char chunk[65536];
  for (;;) {
    ssize_t n = ::read(inFd_, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

std::optional<std::string> Transport::readLine() {
  for (;;) {
    std::size_t newline = buffer_.find('\n', at_);
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(at_, newline - at_);
      at_ = newline + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (buffer_.size() - at_ > 65536) {  // a header line this long is garbage: drop it
      at_ = buffer_.size();
      return std::string("<overlong header line>");
    }
    if (!fill()) return std::nullopt;
  }
}

// After a header block whose length was missing or unusable, the body that followed it
// (if any) cannot be measured: skip to the next "Content-Length" so that the rest of the
// stream is read as it was framed. False at the end of the stream.
bool Transport::skipToNextHeader() {
  static constexpr llvm::StringLiteral marker = "content-length";
  for (;;) {
    std::string_view rest(buffer_.data() + at_, buffer_.size() - at_);
    for (std::size_t i = 0; i + marker.size() <= rest.size(); ++i)
      if (llvm::StringRef(rest.substr(i, marker.size())).equals_insensitive(marker)) {
        at_ += i;
        return true;
      }
    // Keep a tail that could be the start of the marker, drop the rest.
    if (rest.size() > marker.size()) at_ = buffer_.size() - marker.size();
    if (!fill()) return false;
  }
}

Incoming Transport::read() {
  if (resync_) {
    resync_ = false;
    if (!skipToNextHeader()) return {Incoming::Kind::End, nullptr, {}};
  }
  std::optional<std::size_t> length;
  std::string problem;
  bool sawHeader = false;
  for (;;) {
    auto line = readLine();
    if (!line) return {Incoming::Kind::End, nullptr, {}};
    if (line->empty()) {
      if (sawHeader) break;
      continue;  // blank lines between messages
    }
    sawHeader = true;
    auto [name, value] = llvm::StringRef(*line).split(':');
    if (name.trim().equals_insensitive("Content-Length")) {
      unsigned long long n;
      if (value.trim().getAsInteger(10, n) || n > maxBody)
        problem = "invalid Content-Length '" + value.trim().str() + "'";
      else
        length = n;
    } else if (!name.trim().equals_insensitive("Content-Type")) {
      problem = "unexpected header line '" + line->substr(0, 80) + "'";
    }
  }
  if (!length) {
    resync_ = true;  // answered now; the next read skips whatever body came with it
    return {Incoming::Kind::Malformed, nullptr, problem.empty() ? "message without a Content-Length header" : problem};
  }
  while (buffer_.size() - at_ < *length)
    if (!fill()) return {Incoming::Kind::End, nullptr, {}};
  llvm::StringRef body = llvm::StringRef(buffer_).substr(at_, *length);
  at_ += *length;
  if (!problem.empty()) return {Incoming::Kind::Malformed, nullptr, problem};
  auto parsed = llvm::json::parse(body);
  if (!parsed) return {Incoming::Kind::Malformed, nullptr, "invalid JSON: " + llvm::toString(parsed.takeError())};
  return {Incoming::Kind::Message, std::move(*parsed), {}};
}

void Transport::send(const llvm::json::Value &message) {
  std::string body;
  llvm::raw_string_ostream os(body);
  os << message;
  os.flush();
  sendBody(body);
}

void Transport::replyText(const llvm::json::Value &id, llvm::StringRef resultJson) {
  std::string body;
  llvm::raw_string_ostream os(body);
  os << R"({"jsonrpc":"2.0","id":)" << id << R"(,"result":)" << resultJson << "}";
  os.flush();
  sendBody(body);
}

void Transport::sendBody(llvm::StringRef body) {
  std::lock_guard<std::mutex> lock(writing_);
  std::fprintf(out_, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out_);
  std::fflush(out_);
}

void Transport::reply(const llvm::json::Value &id, llvm::json::Value result) {
  send(llvm::json::Object{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Transport::replyError(const llvm::json::Value &id, int code, const llvm::Twine &message) {
  send(llvm::json::Object{{"jsonrpc", "2.0"},
                          {"id", id},
                          {"error", llvm::json::Object{{"code", code}, {"message", message.str()}}}});
}

void Transport::notify(llvm::StringRef method, llvm::json::Value params) {
  send(llvm::json::Object{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

}  // namespace mpl::lsp
