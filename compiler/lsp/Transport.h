// JSON-RPC 2.0 over a byte stream with LSP's base protocol framing
// ("Content-Length: N\r\n\r\n" then N bytes of JSON). Reading never trusts the peer: a
// header without a length, a length beyond the stream's end or a body that is not JSON
// yields a Malformed message, which the server answers with an error and goes on.
#pragma once

#include <llvm/Support/JSON.h>

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>

namespace mpl::lsp {

/// JSON-RPC error codes (LSP 3.17 §ErrorCodes).
enum ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
  RequestCancelled = -32800,
  ContentModified = -32801,
};

struct Incoming {
  enum class Kind { Message, Malformed, End } kind;
  llvm::json::Value body = nullptr;  // a Message's parsed JSON
  std::string problem;               // why a Malformed one is
};

class Transport {
public:
  Transport(int inFd, std::FILE *out) : inFd_(inFd), out_(out) {}

  /// The next message; End when the stream closes.
  Incoming read();
  /// Writes one message; safe from any thread.
  void send(const llvm::json::Value &message);
  void sendBody(llvm::StringRef body);

  void reply(const llvm::json::Value &id, llvm::json::Value result);
  // A result already serialised (large ones are cheaper written than built as values).
  void replyText(const llvm::json::Value &id, llvm::StringRef resultJson);
  void replyError(const llvm::json::Value &id, int code, const llvm::Twine &message);
  void notify(llvm::StringRef method, llvm::json::Value params);

private:
  bool fill();  // reads more bytes into buffer_; false at the end of the stream
  std::optional<std::string> readLine();
  bool skipToNextHeader();

  int inFd_;
  std::FILE *out_;
  std::string buffer_;
  std::size_t at_ = 0;
  bool resync_ = false;  // the last header block had no usable length
  std::mutex writing_;
};

}  // namespace mpl::lsp
