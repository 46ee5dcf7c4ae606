#include "lsp/Server.h"
#include "lsp/Features.h"

#include "emit/CodeGen.h"

#include <llvm/ADT/StringExtras.h>

#include <thread>

namespace mpl::lsp {

namespace json = llvm::json;

Server::Server(Transport &transport) : transport_(transport) {}

namespace {

/// A file: URI's path, percent-escapes decoded; other URIs are used as they are.
std::string pathOf(llvm::StringRef uri) {
  if (!uri.consume_front("file://")) return uri.str();
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() + 0 && llvm::isHexDigit(uri[i + 1]) && llvm::isHexDigit(uri[i + 2])) {
      path += static_cast<char>(llvm::hexFromNibbles(uri[i + 1], uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

std::optional<Position> positionIn(const json::Object *object, llvm::StringRef key) {
  const json::Object *p = object ? object->getObject(key) : nullptr;
  if (!p) return std::nullopt;
  auto line = p->getInteger("line"), character = p->getInteger("character");
  if (!line || !character || *line < 0 || *character < 0) return std::nullopt;
  return Position{static_cast<unsigned>(*line), static_cast<unsigned>(*character)};
}

std::optional<Range> rangeIn(const json::Object *object, llvm::StringRef key) {
  const json::Object *r = object ? object->getObject(key) : nullptr;
  auto start = positionIn(r, "start"), end = positionIn(r, "end");
  if (!start || !end) return std::nullopt;
  return Range{*start, *end};
}

std::string idKey(const json::Value &id) {
  std::string text;
  llvm::raw_string_ostream(text) << id;
  return text;
}

}  // namespace

json::Value Server::initializeResult() const {
  // Exactly what is implemented: no signature help, formatting or semantic tokens.
  json::Object capabilities{
      {"positionEncoding", "utf-16"},
      {"textDocumentSync", json::Object{{"openClose", true}, {"change", 2}, {"save", json::Object{{"includeText", false}}}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"renameProvider", json::Object{{"prepareProvider", true}}},
      {"documentSymbolProvider", true},
      {"completionProvider", json::Object{{"triggerCharacters", json::Array{">", "(", ","}}}},
      {"codeActionProvider", json::Object{{"codeActionKinds", json::Array{"quickfix"}}}},
  };
  return json::Object{{"capabilities", std::move(capabilities)},
                      {"serverInfo", json::Object{{"name", "mplc"}, {"version", MPL_VERSION}}}};
}

void Server::post(Event event) {
  {
    std::lock_guard<std::mutex> lock(queueMutex_);
    queue_.push_back(std::move(event));
  }
  queueReady_.notify_one();
}

void Server::readLoop() {
  for (;;) {
    Incoming incoming = transport_.read();
    if (incoming.kind == Incoming::Kind::Message) {
      // A cancellation is noted at once, ahead of the queued request it names.
      const json::Object *object = incoming.body.getAsObject();
      if (object && object->getString("method") == llvm::StringRef("$/cancelRequest")) {
        const json::Object *params = object->getObject("params");
        if (const json::Value *id = params ? params->get("id") : nullptr) {
          std::lock_guard<std::mutex> lock(queueMutex_);
          cancelled_.insert(idKey(*id));
        }
        continue;
      }
    }
    bool end = incoming.kind == Incoming::Kind::End;
    post({std::move(incoming), nullptr});
    if (end) return;
  }
}

int Server::run() {
  cppCheck_ = std::make_unique<CppCheck>(
      [this](const CppCheckJob &job, std::vector<CompilerMessage> messages) {
        post({{Incoming::Kind::End, nullptr, {}}, [this, job, messages = std::move(messages)]() mutable {
                auto it = documents_.find(job.uri);
                if (it == documents_.end() || it->second.text.version() != job.version) return;
                it->second.cppMessages = std::move(messages);
                publish(it->second);
              }});
      },
      std::chrono::milliseconds(300));
  std::thread reader([this] { readLoop(); });
  reader.detach();  // blocked in read() at exit; the process ends it
  for (;;) {
    Event event;
    {
      std::unique_lock<std::mutex> lock(queueMutex_);
      if (queue_.empty()) {
        lock.unlock();
        publishPending();  // a burst of edits is analysed once, after its last change
        lock.lock();
      }
      queueReady_.wait(lock, [this] { return !queue_.empty(); });
      event = std::move(queue_.front());
      queue_.pop_front();
    }
    if (event.task) {
      event.task();
      continue;
    }
    if (event.incoming.kind == Incoming::Kind::End) break;
    handle(event.incoming);
    if (exited_) break;
  }
  cppCheck_.reset();
  return shuttingDown_ && exited_ ? 0 : 1;
}

void Server::handle(Incoming &incoming) {
  if (incoming.kind == Incoming::Kind::Malformed) {
    transport_.replyError(nullptr, ParseError, incoming.problem);
    return;
  }
  const json::Object *message = incoming.body.getAsObject();
  const json::Value *id = message ? message->get("id") : nullptr;
  json::Value replyId = id ? *id : json::Value(nullptr);
  auto method = message ? message->getString("method") : llvm::None;
  if (!message || (id && id->kind() != json::Value::String && id->kind() != json::Value::Number)) {
    transport_.replyError(replyId, InvalidRequest, "not a JSON-RPC request or notification");
    return;
  }
  if (!method) {
    if (!message->get("result") && !message->get("error"))  // responses to us are ignored
      transport_.replyError(replyId, InvalidRequest, "a request without a method");
    return;
  }
  const json::Value *paramsValue = message->get("params");
  const json::Object *params = paramsValue ? paramsValue->getAsObject() : nullptr;
  if (paramsValue && !params && paramsValue->kind() != json::Value::Null) {
    if (id) transport_.replyError(replyId, InvalidParams, "params must be an object");
    return;
  }
  if (!id) return handleNotification(*method, params);
  {
    std::lock_guard<std::mutex> lock(queueMutex_);
    if (cancelled_.erase(idKey(*id))) {
      transport_.replyError(replyId, RequestCancelled, "cancelled");
      return;
    }
  }
  handleRequest(replyId, *method, params);
}

Server::Document *Server::document(const json::Object *params) {
  const json::Object *textDocument = params ? params->getObject("textDocument") : nullptr;
  auto uri = textDocument ? textDocument->getString("uri") : llvm::None;
  if (!uri) return nullptr;
  auto it = documents_.find(*uri);
  return it == documents_.end() ? nullptr : &it->second;
}

const Analysis &Server::analyse(Document &doc) {
  if (!doc.analysis) {
    doc.analysis = std::make_shared<const Analysis>(doc.text.text(), pathOf(doc.text.uri()));
    if (doc.analysis->file()) doc.parsed = doc.analysis;
  }
  return *doc.analysis;
}

void Server::publish(Document &doc) {
  const Analysis &analysis = analyse(doc);
  json::Array diagnostics = diagnosticsJSON(analysis, doc.text);
  for (const CompilerMessage &m : doc.cppMessages) {
    std::size_t begin = std::min(doc.text.offsetOf({m.line - 1, 0}) + (m.column ? m.column - 1 : 0), doc.text.text().size());
    std::size_t end = begin;
    const std::string &text = doc.text.text();
    while (end < text.size() && (llvm::isAlnum(text[end]) || text[end] == '_')) ++end;
    if (end == begin && end < text.size() && text[end] != '\n') ++end;
    diagnostics.push_back(json::Object{{"range", toJSON(doc.text.rangeOf(begin, end))},
                                       {"severity", m.severity},
                                       {"source", "c++"},
                                       {"message", m.message}});
  }
  transport_.notify("textDocument/publishDiagnostics",
                    json::Object{{"uri", doc.text.uri()}, {"version", doc.text.version()}, {"diagnostics", std::move(diagnostics)}});
  doc.published = true;
}

void Server::publishPending() {
  for (auto &entry : documents_)
    if (!entry.second.published) publish(entry.second);
}

void Server::handleNotification(llvm::StringRef method, const json::Object *params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_ || shuttingDown_) return;  // dropped, as LSP asks
  if (method == "textDocument/didOpen") {
    const json::Object *item = params ? params->getObject("textDocument") : nullptr;
    auto uri = item ? item->getString("uri") : llvm::None;
    auto text = item ? item->getString("text") : llvm::None;
    if (!uri || !text) return;
    Document &doc = documents_[*uri];
    doc = Document{};
    doc.text = TextDocument(uri->str(), text->str(), item->getInteger("version").getValueOr(0));
  } else if (method == "textDocument/didChange") {
    Document *doc = document(params);
    const json::Array *changes = doc ? params->getArray("contentChanges") : nullptr;
    if (!doc || !changes) return;
    long version = params->getObject("textDocument")->getInteger("version").getValueOr(doc->text.version() + 1);
    for (const json::Value &change : *changes) {
      const json::Object *c = change.getAsObject();
      auto text = c ? c->getString("text") : llvm::None;
      if (!text) continue;
      if (auto range = rangeIn(c, "range")) doc->text.replace(*range, *text, version);
      else doc->text.replaceAll(text->str(), version);
    }
    doc->analysis.reset();
    doc->cppMessages.clear();  // they point into the saved text
    doc->published = false;
    cppCheck_->cancel(doc->text.uri());
  } else if (method == "textDocument/didSave") {
    Document *doc = document(params);
    if (!doc) return;
    const Analysis &analysis = analyse(*doc);
    // The generated C++ exists only for a file the front-end accepts.
    if (analysis.file() && !analysis.hasErrors())
      cppCheck_->schedule({doc->text.uri(), doc->text.version(), analysis.path(),
                           generateCpp(*analysis.file(), analysis.sources(), {analysis.path(), ""})});
  } else if (method == "textDocument/didClose") {
    Document *doc = document(params);
    if (!doc) return;
    std::string uri = doc->text.uri();
    cppCheck_->cancel(uri);
    transport_.notify("textDocument/publishDiagnostics", json::Object{{"uri", uri}, {"diagnostics", json::Array{}}});
    documents_.erase(uri);
  }
  // initialized, $/setTrace, workspace/didChangeConfiguration …: nothing to do.
}

void Server::handleRequest(const json::Value &id, llvm::StringRef method, const json::Object *params) {
  if (method == "initialize") {
    if (initialized_) return transport_.replyError(id, InvalidRequest, "initialize was already received");
    initialized_ = true;
    return transport_.reply(id, initializeResult());
  }
  if (!initialized_) return transport_.replyError(id, ServerNotInitialized, "initialize first");
  if (shuttingDown_) return transport_.replyError(id, InvalidRequest, "the server is shutting down");
  if (method == "shutdown") {
    shuttingDown_ = true;
    return transport_.reply(id, nullptr);
  }

  static const char *const documentMethods[] = {
      "textDocument/hover",  "textDocument/definition",     "textDocument/references",
      "textDocument/rename", "textDocument/prepareRename",  "textDocument/documentSymbol",
      "textDocument/completion", "textDocument/codeAction"};
  if (!llvm::is_contained(documentMethods, method))
    return transport_.replyError(id, MethodNotFound, "method not found: " + method);

  Document *doc = document(params);
  if (!doc) return transport_.replyError(id, InvalidParams, "params.textDocument.uri must name an open document");
  const TextDocument &text = doc->text;
  if (method == "textDocument/documentSymbol") return transport_.replyText(id, documentSymbols(analyse(*doc), text));
  if (method == "textDocument/codeAction") {
    auto range = rangeIn(params, "range");
    if (!range) return transport_.replyError(id, InvalidParams, "params.range is missing or invalid");
    return transport_.reply(id, codeActions(analyse(*doc), text, *range));
  }
  auto position = positionIn(params, "position");
  if (!position) return transport_.replyError(id, InvalidParams, "params.position is missing or invalid");
  std::size_t offset = text.offsetOf(*position);
  if (method == "textDocument/completion") {
    analyse(*doc);
    return transport_.reply(id, completion(doc->parsed.get(), text, offset));
  }
  const Analysis &analysis = analyse(*doc);
  if (method == "textDocument/hover") return transport_.reply(id, hover(analysis, text, offset));
  if (method == "textDocument/definition") return transport_.reply(id, definition(analysis, text, offset));
  if (method == "textDocument/prepareRename") return transport_.reply(id, prepareRename(analysis, text, offset));
  if (method == "textDocument/references") {
    const json::Object *context = params->getObject("context");
    bool withDeclaration = context && context->getBoolean("includeDeclaration").getValueOr(false);
    return transport_.reply(id, references(analysis, text, offset, withDeclaration));
  }
  // textDocument/rename
  auto newName = params->getString("newName");
  if (!newName) return transport_.replyError(id, InvalidParams, "params.newName is missing");
  std::string error;
  json::Value edit = rename(analysis, text, offset, *newName, error);
  if (!error.empty()) return transport_.replyError(id, RequestFailed, error);
  transport_.reply(id, std::move(edit));
}

}  // namespace mpl::lsp
