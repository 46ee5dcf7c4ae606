#!/usr/bin/env python3
"""A scripted LSP client against `mplc lsp` over its real stdin and stdout.

    test_lsp.py --mplc PATH [--update]

Each scenario compares the server's answers with expected data in this folder
(*.expected.json); --update rewrites those files from the server's answers (review
the diff before committing them)."""
import argparse
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lspclient import Client  # noqa: E402

failures = []
update = False


def uri_of(path):
    return "file://" + path


def check(name, actual, expected_file):
    path = os.path.join(HERE, expected_file)
    if update:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(actual, f, indent=1, ensure_ascii=False, sort_keys=True)
            f.write("\n")
        return
    with open(path, encoding="utf-8") as f:
        expected = json.load(f)
    if actual != expected:
        failures.append(name)
        print("FAIL %s\n  expected: %s\n  actual:   %s" % (
            name, json.dumps(expected, sort_keys=True, ensure_ascii=False),
            json.dumps(actual, sort_keys=True, ensure_ascii=False)))
    else:
        print("ok   %s" % name)


def expect(name, condition, detail=""):
    if condition:
        print("ok   %s" % name)
    else:
        failures.append(name)
        print("FAIL %s %s" % (name, detail))


def utf16(text):
    return len(text.encode("utf-16-le")) // 2


def position(lines, request):
    """The UTF-16 position of the nth `find` on a line, plus `offset` characters."""
    line = lines[request["line"]]
    at = -1
    for _ in range(request.get("nth", 0) + 1):
        at = line.index(request["find"], at + 1)
    return {"line": request["line"], "character": utf16(line[:at]) + request.get("offset", 0)}


def relative(value, uri):
    """Answers with the test file's URI replaced by a placeholder: the checkout moves."""
    return json.loads(json.dumps(value).replace(json.dumps(uri)[1:-1], "FILE"))


def lifecycle_and_diagnostics(mplc):
    client = Client([mplc, "lsp"])
    init = client.initialize()
    check("initialize advertises what is implemented", init["result"], "initialize.expected.json")
    path = os.path.join(HERE, "three_errors.mpl")
    uri = uri_of(path)
    text = open(path, encoding="utf-8").read()
    client.open(uri, text)
    check("three errors: exactly those diagnostics", relative(client.diagnostics(uri, 1), uri),
          "three_errors.expected.json")
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 5, "character": 20}, "end": {"line": 5, "character": 20}},
        "context": {"diagnostics": []}})["result"]
    check("quick fix for 'did you mean'", relative(actions, uri), "code_action.expected.json")
    # Edit the three errors away, incrementally, from the last to the first.
    edits = [((13, 20), (13, 29), ""), ((9, 12), (9, 18), "2"), ((5, 19), (5, 25), "numbers")]
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": a[0], "character": a[1]},
                                      "end": {"line": b[0], "character": b[1]}}, "text": t}
                           for a, b, t in edits]})
    after = client.diagnostics(uri, 2)
    expect("edited away: empty diagnostics", after == [], json.dumps(after))
    # A full-text change brings one back.
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                             "contentChanges": [{"text": text.replace("count;", "cont;")}]})
    diagnostics = client.diagnostics(uri, 3)
    expect("full sync: the body is C++, so only the header errors come back",
           [d["message"] for d in diagnostics] == [x["message"] for x in json.load(
               open(os.path.join(HERE, "three_errors.expected.json")))], json.dumps(diagnostics))
    response, status = client.stop()
    expect("shutdown answers null, exit ends with status 0", response.get("result", 1) is None and status == 0,
           "%r %r" % (response, status))


def features(mplc):
    client = Client([mplc, "lsp"])
    client.initialize()
    path = os.path.join(HERE, "every_declaration.mpl")
    uri = uri_of(path)
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    client.open(uri, text)
    diagnostics = client.diagnostics(uri, 1)
    expect("every declaration form: no diagnostics", diagnostics == [], json.dumps(diagnostics))
    requests = json.load(open(os.path.join(HERE, "every_declaration.requests.json"), encoding="utf-8"))
    answers = []
    for request in requests:
        params = {"textDocument": {"uri": uri}}
        if "line" in request:
            params["position"] = position(lines, request)
        for key in ("context", "newName"):
            if key in request:
                params[key] = request[key]
        response = client.request(request["method"], params)
        answers.append({"what": request["what"], "position": params.get("position"),
                        "answer": relative(response.get("result", response.get("error")), uri)})
    check("hover, definition, references, rename, symbols, completion", answers,
          "every_declaration.expected.json")
    client.stop()


def malformed(mplc):
    client = Client([mplc, "lsp"])
    # A request before initialize is refused.
    first = client.request("textDocument/hover", {})
    client.initialize()
    path = os.path.join(HERE, "every_declaration.mpl")
    uri = uri_of(path)
    client.open(uri, open(path, encoding="utf-8").read())
    client.diagnostics(uri)
    codes = [first["error"]["code"]]
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    codes.append(client.next_response()["error"]["code"])
    client.send_raw(b"X-Whatever: 1\r\n\r\n")
    codes.append(client.next_response()["error"]["code"])
    client.send_raw(b"Content-Length: 5\r\n\r\n[1,2]")  # JSON, but not a message
    codes.append(client.next_response()["error"]["code"])
    client.send_raw(b"\r\n\r\n")                       # blank lines between messages: skipped
    client.send({"jsonrpc": "2.0", "id": 90})
    codes.append(client.next_response()["error"]["code"])
    codes.append(client.request("workspace/symbol", {"query": "x"})["error"]["code"])
    codes.append(client.request("textDocument/hover", {"textDocument": {"uri": uri}})["error"]["code"])
    codes.append(client.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.mpl"},
                                                       "position": {"line": 0, "character": 0}})["error"]["code"])
    client.send({"jsonrpc": "2.0", "id": 91, "method": "textDocument/hover", "params": [1]})
    codes.append(client.next_response()["error"]["code"])
    client.send({"jsonrpc": "2.0", "id": {"an": "object"}, "method": "shutdown"})
    codes.append(client.next_response()["error"]["code"])
    client.send_raw("Content-Length: 4\r\n\r\n\"\xff\xfe\"".encode("latin-1"))  # not UTF-8
    codes.append(client.next_response()["error"]["code"])
    # A header block without a usable length, followed by a body: the body is skipped,
    # and the stream is framed again from the next Content-Length.
    client.send_raw(b'Content-Type: x\r\n\r\n{"jsonrpc":"2.0","id":77,"method":"shutdown"}')
    codes.append(client.next_response()["error"]["code"])
    client.send_raw(b'Content-Length: 99999999999999\r\n\r\n{"jsonrpc":"2.0","id":78,"method":"shutdown"}')
    codes.append(client.next_response()["error"]["code"])
    check("malformed messages: error responses", codes, "malformed.expected.json")
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 7, "character": 7}})
    expect("then a normal answer to the next request", "param count: long = 5" in
           hover.get("result", {}).get("contents", {}).get("value", ""), json.dumps(hover))
    # A position past the end of a line means its end; a line past the end, the end.
    far = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                "position": {"line": 9999, "character": 9999}})
    expect("positions outside the text are clamped", far.get("result", 1) is None, json.dumps(far))
    client.stop()


def cpp_on_save(mplc):
    """C++ errors in a body arrive on save, at their .mpl position (#line)."""
    folder = tempfile.mkdtemp(prefix="mpl-lsp-test-")
    path = os.path.join(folder, "body_error.mpl")
    text = open(os.path.join(HERE, "body_error.mpl"), encoding="utf-8").read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    client = Client([mplc, "lsp"])
    client.initialize()
    uri = uri_of(path)
    client.open(uri, text)
    expect("C++ errors are not front-end diagnostics", client.diagnostics(uri, 1) == [])
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    diagnostics = client.diagnostics(uri, 1, timeout=180)
    check("C++ on save: the compiler's error at its .mpl position",
          [{"range": d["range"], "severity": d["severity"], "source": d["source"]} for d in diagnostics],
          "body_error.expected.json")
    expect("C++ on save: the message names the undeclared function",
           any("undeclared_function" in d["message"] for d in diagnostics), json.dumps(diagnostics))
    client.stop()


def emit_without_output(mplc):
    """emit() in a stage with no output is a front-end diagnostic, as with mplc --check."""
    client = Client([mplc, "lsp"])
    client.initialize()
    uri = "file:///nonexistent/emit_without_output.mpl"
    client.open(uri, "queue numbers: long\n"
                     "stage produce() -> numbers { emit(1L); }\n"
                     "stage consume(numbers) { for (long n : numbers) emit(n); }\n")
    diagnostics = client.diagnostics(uri, 1)
    expect("emit without an output: one error at the emit",
           [(d["range"], d["severity"], d["message"]) for d in diagnostics] ==
           [({"start": {"line": 2, "character": 48}, "end": {"line": 2, "character": 52}}, 1,
             "stage 'consume' has no output queue, so emit() has nowhere to go; "
             "add '-> QUEUE' to its header")], json.dumps(diagnostics))
    client.stop()


def huge_file(mplc):
    """A million stray '}' in the editor: the first 1000 errors and a "too many" at 1:1, not a
    million diagnostics (once a 100 MB notification); the server answers the next request."""
    client = Client([mplc, "lsp"])
    client.initialize()
    uri = "file:///nonexistent/huge.mpl"
    client.open(uri, "}" * 1_000_000 + "\n")
    diagnostics = client.diagnostics(uri, 1, timeout=120)
    expect("huge file: 1000 errors, then one 'too many errors'", len(diagnostics) == 1001 and
           all(d["message"] == "'}' does not close any '{'" for d in diagnostics[:1000]) and
           diagnostics[999]["range"]["start"] == {"line": 0, "character": 999} and
           diagnostics[1000]["message"] == "too many errors emitted: only the first 1000 are listed" and
           diagnostics[1000]["range"]["start"] == {"line": 0, "character": 0},
           json.dumps(diagnostics[:2] + diagnostics[-2:]))
    # Columns count the file's characters, not the escaped text a terminal is shown
    # ('\x1b' is four characters there).
    client.open("file:///nonexistent/small.mpl", "queue q: long \x1b @\n")
    small = client.diagnostics("file:///nonexistent/small.mpl", 1)
    expect("then a small file, with a control character before an error",
           [(d["range"]["start"]["character"], d["range"]["end"]["character"], d["message"]) for d in small] ==
           [(14, 15, "unexpected character '\\x1b' in MPL declarations"),
            (16, 17, "unexpected character '@' in MPL declarations")], json.dumps(small))
    response, status = client.stop()
    expect("huge file: clean shutdown", status == 0, "%r %r" % (response, status))


def lone_carriage_returns(mplc):
    """Old Mac line ends: a lone '\r' ends a line in LSP positions, so diagnostics and edits
    land on the line the editor shows (the server once knew only '\n' lines: an edit on a
    later line was dropped)."""
    client = Client([mplc, "lsp"])
    client.initialize()
    uri = "file:///nonexistent/old_mac.mpl"
    client.open(uri, "queue numbers: long\rstage produce() -> nmbers { }\r\n"
                     "stage consume(numbers) { }\rstage other() -> nmbers { }\r")
    diagnostics = client.diagnostics(uri, 1)
    expect("lone CR: each error on its own line",
           [(d["range"]["start"], d["range"]["end"]) for d in diagnostics] ==
           [({"line": 1, "character": 19}, {"line": 1, "character": 25}),
            ({"line": 3, "character": 17}, {"line": 3, "character": 23})], json.dumps(diagnostics))
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 3, "character": 17}, "end": {"line": 3, "character": 23}},
                            "text": "numbers"}]})
    after = client.diagnostics(uri, 2)
    expect("lone CR: an edit on the fourth line mends that error only",
           [(d["range"]["start"], d["message"]) for d in after] ==
           [({"line": 1, "character": 19}, "queue 'nmbers' is not declared; did you mean 'numbers'?")],
           json.dumps(after))
    response, status = client.stop()
    expect("lone CR: clean shutdown", status == 0, "%r %r" % (response, status))


def main():
    global update
    parser = argparse.ArgumentParser()
    parser.add_argument("--mplc", required=True)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("scenarios", nargs="*",
                        default=["lifecycle_and_diagnostics", "features", "malformed", "cpp_on_save",
                                 "emit_without_output", "huge_file", "lone_carriage_returns"])
    args = parser.parse_args()
    update = args.update
    for scenario in args.scenarios:
        globals()[scenario](args.mplc)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
