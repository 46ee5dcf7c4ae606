#!/usr/bin/env python3
"""Watching a run (docs/programs.md, "Watching a run"): the timeline trace, the live
progress view and the machine-readable stats, checked on real runs. Shares
reliability.py's machinery (one process group per run, nothing left behind).

usage: observe.py --mplc MPLC --work DIR [--mplc-arg ARG]... SUITE
"""
import json
import os
import fcntl
import pty
import struct
import termios
import re
import select
import signal
import subprocess
import time
from collections import defaultdict

from reliability import Failure, Run, expected, log, program_env, run_once, run_suite

STAGES = {"produce": 1, "square": 2, "report": 1}  # watched.mpl: stage -> processes
QUEUES = ("numbers", "squares")
SLICES = {"busy", "wait input", "wait output"}


# ---------------------------------------------------------------- trace

def load_trace(path):
    try:
        with open(path) as f:
            return json.load(f)
    except ValueError as e:
        raise Failure(f"{path} is not well-formed JSON: {e}")


def check_trace(path, stages, queues, label):
    """Everything the issue asks of a trace; returns (events, names of the instants)."""
    trace = load_trace(path)
    events = trace.get("traceEvents")
    if not isinstance(events, list) or not events:
        raise Failure(f"{label}: no traceEvents")
    groups = {e["pid"]: e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "process_name"}
    tracks = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
    # One track per process, named stage[replica], grouped under its stage.
    names = sorted(tracks.values())
    want = sorted(f"{s}[{r}]" for s, n in stages.items() for r in range(n))
    if sorted(set(names)) != want:
        raise Failure(f"{label}: tracks {names}, expected {want}")
    for (pid, _), name in tracks.items():
        stage = name.split("[")[0]
        if not re.fullmatch(rf"(stage|pool) {re.escape(stage)}", groups.get(pid, "")):
            raise Failure(f"{label}: track {name} is in group {groups.get(pid)!r}")
    last_ts = defaultdict(lambda: -1.0)
    slice_end = {}
    for e in events:
        if e["ph"] == "M":
            continue
        for field in ("ts", "pid", "name"):
            if field not in e:
                raise Failure(f"{label}: event without {field}: {e}")
        # Monotonic per track: a process's track, each counter, the run's instants.
        key = (e["pid"], e.get("tid"), e["name"] if e["ph"] == "C" else None)
        if e["ts"] < last_ts[key]:
            raise Failure(f"{label}: timestamps go back on {key}: {e['ts']} after {last_ts[key]}")
        last_ts[key] = e["ts"]
        if e["ph"] == "X":
            track = (e["pid"], e["tid"])
            if track not in tracks or e["name"] not in SLICES or e["dur"] < 0:
                raise Failure(f"{label}: bad slice {e}")
            if e["ts"] + 1e-3 < slice_end.get(track, -1):
                raise Failure(f"{label}: slices overlap on {tracks[track]}: {e}")
            slice_end[track] = e["ts"] + e["dur"]
    # Every slice closed: each track's last slice ends where its process exited.
    exits = {(e["pid"], e["tid"]): e["ts"] for e in events if e["ph"] == "i" and e["name"].startswith("exit")}
    for track, name in tracks.items():
        if track not in exits:
            raise Failure(f"{label}: {name} has no exit")
        if track in slice_end and abs(slice_end[track] - exits[track]) > 1e-2:
            raise Failure(f"{label}: {name}'s last slice ends at {slice_end[track]}, its exit is at {exits[track]}")
    counters = {e["name"] for e in events if e["ph"] == "C" and "fill" in e.get("args", {})}
    if counters != {f"queue {q}" for q in queues}:
        raise Failure(f"{label}: counter tracks {sorted(counters)}, expected one per queue {queues}")
    instants = [e["name"] for e in events if e["ph"] == "i"]
    return trace, instants


def suite_trace(b, opts):
    """--trace: well-formed, every slice closed, names match, counters, monotonic."""
    exe = b.program("watched")
    path = os.path.join(b.work, "watched.trace.json")
    status, out, err, _ = run_once([exe, f"--trace={path}"])
    if status != 0 or out != expected("watched.out"):
        raise Failure(f"traced run: status {status}, stdout {out!r}, stderr:\n{err}")
    trace, instants = check_trace(path, STAGES, QUEUES, "watched")
    slices = defaultdict(set)
    for e in trace["traceEvents"]:
        if e["ph"] == "X":
            slices[e["pid"]].add(e["name"])
    # The workers sleep per item: some busy time, and the producer waits for room.
    if not any("busy" in names for names in slices.values()) or not any("wait output" in n for n in slices.values()):
        raise Failure(f"watched: slice kinds per group {dict(slices)}")
    for q in QUEUES:
        if f"end of stream: {q}" not in instants:
            raise Failure(f"watched: no end-of-stream instant for {q}: {instants}")
    if trace.get("otherData", {}).get("lost_events") != 0:
        raise Failure(f"watched: events lost: {trace.get('otherData')}")

    # Retries and failures are instants too (they are the supervisor's warnings and errors).
    retry = b.program("retry_items")
    path = os.path.join(b.work, "retry.trace.json")
    status, out, err, _ = run_once([retry, f"--trace={path}"])
    _, instants = check_trace(path, {"produce": 1, "work": 3, "check": 1}, ("numbers", "results"), "retry")
    want = re.search(r"failures (\d+)", expected("retry_items.throw.out")).group(1)
    if status != 0 or len([i for i in instants if re.fullmatch(r"retry item \d+", i)]) != int(want):
        raise Failure(f"retry: status {status}, {want} retries expected, instants {instants[:40]}")
    # A worker that dies is retried by the supervisor: its warning is an instant.
    path = os.path.join(b.work, "abort.trace.json")
    status, out, err, _ = run_once([retry, "--how=abort", "--one_in=20", f"--trace={path}"])
    _, instants = check_trace(path, {"produce": 1, "work": 3, "check": 1}, ("numbers", "results"), "abort")
    if status != 0 or not [i for i in instants if re.match(r"warning: pool 'work' worker \d .*retrying it", i)]:
        raise Failure(f"abort: status {status}, instants {instants[:40]}")
    failed = b.program("failed_run")
    path = os.path.join(b.work, "failed.trace.json")
    status, out, err, _ = run_once([failed, "--variant=stage", f"--trace={path}"])
    _, instants = check_trace(path, {"produce": 1, "work": 3, "mid": 1, "sink": 1}, ("a", "b", "c"), "failed")
    if status != 1 or not [i for i in instants if re.match(r"error: stage 'mid' replica 0 \(pid \d+\) failed: std::runtime_error: bad item", i)]:
        raise Failure(f"failed run: status {status}, instants {instants}")
    # A trace file that cannot be written: nothing starts, status 2.
    status, out, err, _ = run_once([exe, "--trace=/nonexistent/dir/t.json"])
    if status != 2 or not re.search(r"error: cannot write the trace to '/nonexistent/dir/t.json'", err):
        raise Failure(f"unwritable trace: status {status}, stderr:\n{err}")
    log("trace: well-formed JSON, every slice closed at its process's exit, one track per process named "
        "stage[replica], a fill counter per queue, timestamps monotonic per track; retries and failures as instants")


# ---------------------------------------------------------------- progress view

def run_in_pty(argv, timeout=60, columns=None):
    """Runs argv with stdin, stdout and stderr on a pseudo-terminal (`columns` wide);
    returns (status, bytes)."""
    leader, follower = pty.openpty()
    if columns:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen(argv, stdin=follower, stdout=follower, stderr=follower, start_new_session=True,
                            env=program_env({"TERM": "xterm"}))
    os.close(follower)
    data, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not chunk:
                break
            data += chunk
        elif proc.poll() is not None:
            break
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        raise Failure(f"{argv}: no exit within {timeout} s")
    os.close(leader)
    return proc.wait(), data.decode(errors="replace")


def screen_after(stream):
    """The lines left on a terminal after `stream`: text, \\r, \\n, ESC[nF, ESC[J."""
    lines, row, col = [""], 0, 0
    for token in re.findall(r"\x1b\[(\d*)([A-Za-z])|(\r)|(\n)|([^\x1b\r\n]+)", stream):
        number, command, cr, nl, text = token
        if command == "F":
            row, col = max(0, row - int(number or 1)), 0
        elif command == "J":
            lines[row] = lines[row][:col]
            del lines[row + 1:]
        elif command:
            raise Failure(f"unexpected escape sequence ESC[{number}{command}")
        elif cr:
            col = 0
        elif nl:
            row += 1
            if row == len(lines):
                lines.append("")
        else:
            line = lines[row].ljust(col)
            lines[row] = line[:col] + text + line[col + len(text):]
            col += len(text)
    return [line for line in lines if line]


def suite_progress(b, opts):
    """The view under a terminal, above it the stages' own lines; nothing when stderr is a file."""
    exe = b.program("watched")
    want_screen = sorted(expected("watched.screen").splitlines())
    view_line = re.compile(r"^watched: running for \d+\.\d s$", re.M)
    for i in range(opts.runs):
        status, stream = run_in_pty([exe, "--items=600"])
        frames = len(view_line.findall(stream.replace("\r", "")))
        screen = screen_after(stream)
        if status != 0 or frames < 2 or sorted(screen) != want_screen:
            raise Failure(f"pty run {i}: status {status}, {frames} frames; screen at exit:\n" + "\n".join(screen) +
                          f"\nstream:\n{stream[-3000:]!r}")
        # Each frame: the program line, the header, a line per stage, a fill bar per queue.
        for stage in STAGES:
            if not re.search(rf"^{stage} +{STAGES[stage]} +\d+ +\d+ +[\d.]+[kMG]?/s +\d+% +\d+% +\d+%\r?$", stream, re.M):
                raise Failure(f"pty run {i}: no view line for stage {stage}:\n{stream[:3000]!r}")
        for queue in QUEUES:
            if not re.search(rf"^{queue} +\[[#.]{{24}}\] +\d+%  \d+/\d+\r?$", stream, re.M):
                raise Failure(f"pty run {i}: no fill bar for queue {queue}:\n{stream[:3000]!r}")
    # --no-progress on a terminal, and stderr a file: nothing new, not one escape sequence.
    status, stream = run_in_pty([exe, "--items=600", "--no-progress"])
    if status != 0 or "\x1b" in stream or sorted(stream.replace("\r", "").splitlines()) != want_screen:
        raise Failure(f"--no-progress: status {status}, stream {stream!r}")
    status, out, err, _ = run_once([exe, "--items=600"])
    if status != 0 or "\x1b" in err or "running for" in err or out != "sum 71820100\n" or \
            sorted(err.splitlines()) != sorted(l for l in want_screen if l.startswith("report:")):
        raise Failure(f"stderr a file: status {status}, stdout {out!r}, stderr {err!r}")
    # --progress asks for the view even then (and the stages' lines still come whole).
    status, out, err, _ = run_once([exe, "--items=600", "--progress"])
    if status != 0 or not view_line.search(err) or sorted(screen_after(err)) != \
            sorted(l for l in want_screen if l.startswith("report:")):
        raise Failure(f"--progress to a file: status {status}, stderr {err!r}")
    # A stage's stdout and stderr lines keep their order above the view.
    status, stream = run_in_pty([b.program("interleaved")])
    order = [l for l in screen_after(stream) if l.startswith(("stdout", "stderr"))]
    want = [f"{kind} {i}" for i in range(4) for kind in ("stdout", "stderr")]
    if status != 0 or order != want or "interleaved: running for" not in stream:
        raise Failure(f"stdout and stderr under the view: status {status}, lines {order}")
    # A narrow terminal: no row of the view is wider than the terminal (it would wrap).
    for columns in (20, 30):
        status, stream = run_in_pty([exe, "--items=600"], columns=columns)
        rows = [l for l in re.split(r"\x1b\[\d*[A-Za-z]|\r|\n", stream)
                if l and l not in want_screen]  # the view's rows, not the stages' own lines
        if status != 0 or max(len(l) for l in rows) >= columns:
            raise Failure(f"{columns} columns: status {status}, widest row {max(rows, key=len)!r}")
    log(f"progress: {opts.runs} runs under a pseudo-terminal drew the view and left exactly the stages' "
        f"lines on screen; --no-progress and a stderr file saw nothing new; --progress forces it")


# ---------------------------------------------------------------- stats JSON

def parse_table(err):
    stages = {}
    for m in re.finditer(r"^(\w+) +(\d+) +(\d+) +(\d+) +([\d.]+)% +([\d.]+)% +([\d.]+)%$", err, re.M):
        name, procs, items_in, items_out, wait_in, wait_out, busy = m.groups()
        stages[name] = (int(procs), int(items_in), int(items_out), float(wait_in), float(wait_out), float(busy))
    queues = {m.group(1): (m.group(2), int(m.group(3)), int(m.group(4)))
              for m in re.finditer(r"^(\w+) +(spsc|mpmc) +(\d+) +(\d+) \(\d+%\)$", err, re.M)}
    bottleneck = re.search(r"^bottleneck: (?:stage|pool) '(\w+)'", err, re.M)
    return stages, queues, bottleneck and bottleneck.group(1)


def suite_stats_json(b, opts):
    """--stats=json and --stats-json=FILE: the table's figures, under the documented names."""
    exe = b.program("watched")
    path = os.path.join(b.work, "stats.json")
    status, out, err, _ = run_once([exe, "--stats", f"--stats-json={path}"])
    with open(path) as f:
        stats = json.load(f)
    table = parse_table(err)
    fields = json.loads(expected("stats.fields.json"))
    if set(stats) != set(fields["run"]) or any(set(s) != set(fields["stage"]) for s in stats["stages"]) or \
            any(set(q) != set(fields["queue"]) for q in stats["queues"]):
        raise Failure(f"field names differ from expected/stats.fields.json: {json.dumps(stats)[:2000]}")
    got = ({s["name"]: (s["processes"], s["items_in"], s["items_out"], s["wait_input_percent"],
                        s["wait_output_percent"], s["busy_percent"]) for s in stats["stages"]},
           {q["name"]: (q["ring"], q["slots"], q["high_water"]) for q in stats["queues"]}, stats["bottleneck"])
    if status != 0 or got != table or stats["status"] != 0 or stats["program"] != "watched":
        raise Failure(f"JSON {got} differs from the table {table}:\n{err}")
    squares = {q["name"]: q for q in stats["queues"]}["squares"]
    if squares["items"] != 400 or squares["writers"] != ["square"] or squares["readers"] != ["report"]:
        raise Failure(f"queue squares: {squares}")
    # --stats=json: the same object on stderr, nothing else there but the stages' lines.
    status, out, err, _ = run_once([exe, "--stats=json"])
    text = "\n".join(l for l in err.splitlines() if not l.startswith("report:"))
    if status != 0 or set(json.loads(text)) != set(fields["run"]):
        raise Failure(f"--stats=json: status {status}, stderr {err!r}")
    status, out, err, _ = run_once([exe, "--stats=yaml"])
    if status != 2 or "invalid value 'yaml' for --stats: expected table or json" not in err:
        raise Failure(f"--stats=yaml: status {status}, stderr {err!r}")
    # A file the run could not write is refused before anything starts, as --trace's.
    for argv, wanted in (([f"--stats-json={b.work}/no/such/folder.json"], "cannot write the stats to"),
                         ([f"--stats-json={b.work}"], "cannot write the stats to"),
                         ([f"--trace={path}", f"--stats-json={path}"], "name the same file")):
        status, out, err, _ = run_once([exe] + argv)
        if status != 2 or out or wanted not in err:
            raise Failure(f"{argv}: status {status}, stdout {out!r}, stderr {err!r}")
    log("stats-json: --stats-json=FILE and --stats=json hold the table's figures under the documented names")


SUITES = {"trace": suite_trace, "progress": suite_progress, "stats-json": suite_stats_json}


def main():
    run_suite(SUITES, lambda p: p.add_argument("--runs", type=int, default=1))


if __name__ == "__main__":
    main()
