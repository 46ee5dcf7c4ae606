"""A small Language Server Protocol client: starts a server and speaks JSON-RPC with
Content-Length framing over its real stdin and stdout (tests/lsp, bench/lsp)."""
import json
import os
import select
import subprocess
import time


class Client:
    def __init__(self, argv, cwd=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd)
        self.next_id = 1
        self.buffer = b""
        self.notifications = []

    # -- writing
    def send_raw(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request_async(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params or {}})
        return rid

    def request(self, method, params=None, timeout=30):
        return self.response(self.request_async(method, params), timeout)

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    # -- reading
    def _read_message(self, deadline):
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                headers = self.buffer[:header_end].decode().split("\r\n")
                length = next(int(h.split(":")[1]) for h in headers if h.lower().startswith("content-length"))
                start = header_end + 4
                if len(self.buffer) >= start + length:
                    body = self.buffer[start:start + length]
                    self.buffer = self.buffer[start + length:]
                    return json.loads(body)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no message from the server in time")
            ready, _, _ = select.select([self.proc.stdout], [], [], remaining)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    raise EOFError("the server closed its output; stderr: " + self.proc.stderr.read().decode())
                self.buffer += chunk

    def response(self, rid, timeout=30):
        """The response to request `rid` (a dict with result or error); notifications
        read meanwhile are kept."""
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            if "method" in message and "id" not in message:
                self.notifications.append(message)
            elif message.get("id") == rid:
                return message
            else:
                raise AssertionError("unexpected message: %r" % message)

    def next_response(self, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            if "method" in message and "id" not in message:
                self.notifications.append(message)
            else:
                return message

    def notification(self, method, predicate=lambda params: True, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for i, message in enumerate(self.notifications):
                if message["method"] == method and predicate(message["params"]):
                    return self.notifications.pop(i)["params"]
            message = self._read_message(deadline)
            if "method" in message and "id" not in message:
                self.notifications.append(message)
            else:
                raise AssertionError("unexpected message: %r" % message)

    def diagnostics(self, uri, version=None, timeout=30):
        return self.notification(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and (version is None or p.get("version") == version), timeout)["diagnostics"]

    # -- lifecycle
    def initialize(self, root_uri=None):
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": root_uri, "capabilities": {}})
        self.notify("initialized", {})
        return result

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": "mpl", "version": version, "text": text}})

    def stop(self, timeout=10):
        response = self.request("shutdown")
        self.notify("exit")
        status = self.proc.wait(timeout)
        return response, status
