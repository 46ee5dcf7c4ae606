#!/usr/bin/env python3
"""Language server latency: the time from a didChange to the publishDiagnostics of
that version, measured over `mplc lsp`'s real stdio, on the 5,000-stage benchmark
program (bench/compiler/PipelineGenerator.h, written by mplc-check-bench --keep) and
on a 100-line one. Edits alternate between misspelling a queue in the last stage's
header (one error published) and mending it (none), each one incremental change.

    lsp_latency.py --mplc PATH --check-bench PATH [--edits 100] [--stages 5000]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "lsp"))
from lspclient import Client  # noqa: E402


def program(check_bench, stages, folder):
    path = os.path.join(folder, "bench-%d.mpl" % stages)
    subprocess.run([check_bench, "--mplc", args.mplc, "--stages", str(stages), "--runs", "1", "--keep", path],
                   check=True, stdout=subprocess.DEVNULL)
    return path


def measure(path, edits):
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    # The input list of the last sink: `stage cN_sink(cN_lines) {`
    line = max(i for i, l in enumerate(lines) if l.startswith("stage ") and "_sink(" in l)
    start = lines[line].index("(") + 1
    name = lines[line][start:lines[line].index(")")]
    client = Client([args.mplc, "lsp"])
    client.initialize()
    uri = "file://" + path
    opened = time.monotonic()
    client.open(uri, text)
    assert client.diagnostics(uri, 1, timeout=120) == []
    first = time.monotonic() - opened
    times = []
    for version in range(2, edits + 2):
        broken = version % 2 == 0
        old, new = (name, name[:-1] + "z") if broken else (name[:-1] + "z", name)
        change = {"range": {"start": {"line": line, "character": start},
                            "end": {"line": line, "character": start + len(old)}}, "text": new}
        sent = time.monotonic()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [change]})
        diagnostics = client.diagnostics(uri, version, timeout=120)
        times.append(time.monotonic() - sent)
        if len(diagnostics) != (1 if broken else 0):
            sys.exit("unexpected diagnostics after edit %d: %r" % (version, diagnostics))
    client.stop()
    return len(lines), first, times


parser = argparse.ArgumentParser()
parser.add_argument("--mplc", required=True)
parser.add_argument("--check-bench", required=True, help="bench/compiler's mplc-check-bench (writes the program)")
parser.add_argument("--edits", type=int, default=100)
parser.add_argument("--stages", type=int, default=5000)
args = parser.parse_args()

with tempfile.TemporaryDirectory(prefix="mpl-lsp-bench-") as folder:
    for stages in (args.stages, 10):  # 10 stages: about 100 lines
        lines, first, times = measure(program(args.check_bench, stages, folder), args.edits)
        ms = [t * 1000 for t in times]
        print("%5d stages, %6d lines: open %.0f ms; diagnostics after a change: median %.1f ms, max %.1f ms"
              " (%d edits)" % (stages, lines, first * 1000, statistics.median(ms), max(ms), len(ms)))
