#!/usr/bin/env python3
"""Reliability tests for MPL programs and mplc: fault injection, signals, retry under
fire, SIGPIPE, hostile inputs and load. See docs/reliability.md.

usage: reliability.py --mplc MPLC --work DIR [--mplc-arg ARG]... SUITE [options]

Every program run is checked the same way (run_program): exit status, the wall time
from the fault to the exit (the spec's one-second bound), no process of the program
left (by process group and by the list of pids seen during the run), and nothing new
in /dev/shm.
"""
import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
EXIT_BOUND_S = 1.0  # docs/programs.md: the program exits within a second


class Failure(Exception):
    pass


def log(msg):
    print(msg, flush=True)


# ---------------------------------------------------------------- processes


def proc_stat(pid):
    """(pgrp, starttime, state) of pid, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[2]), int(fields[19]), fields[0]


def process_age(pid):
    """Seconds since pid started (to the clock tick), or -1 when it is gone or a zombie."""
    stat = proc_stat(pid)
    if not stat or stat[2] == "Z":
        return -1
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - stat[1] / os.sysconf("SC_CLK_TCK")


def children_of(pid):
    try:
        out = []
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(p) for p in f.read().split()]
        return out
    except OSError:
        return []


def descendants(pid):
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        for c in children_of(p):
            if c not in seen:
                seen.append(c)
                todo.append(c)
    return seen


def alive(pid_start):
    pid, start = pid_start
    st = proc_stat(pid)
    return st is not None and st[1] == start and st[2] != "Z"


def group_members(pgid):
    members = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = proc_stat(int(name))
            if st and st[0] == pgid and st[2] != "Z":
                members.append(int(name))
    return members


def shm_entries():
    try:
        return set(os.listdir("/dev/shm"))
    except OSError:
        return set()


class Run:
    """One program run in its own process group, with its pids sampled while it runs."""

    def __init__(self, argv, stdin=subprocess.DEVNULL, stdout=None, env=None, preexec_fn=None):
        self.shm_before = shm_entries()
        self.out = tempfile.TemporaryFile() if stdout is None else None
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(argv, stdin=stdin, stdout=stdout if stdout is not None else self.out,
                                     stderr=self.err, start_new_session=True, env=env, preexec_fn=preexec_fn)
        self.pid = self.proc.pid
        self.seen = {}  # pid -> starttime of every descendant observed
        self.end = None
        self.start = time.monotonic()

    def sample(self):
        for p in descendants(self.pid):
            st = proc_stat(p)
            if st:
                self.seen.setdefault(p, st[1])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:  # a failed check: leave nothing running
            self.kill_all()

    def poll(self):
        self.sample()
        status = self.proc.poll()
        if status is not None and self.end is None:
            self.end = time.monotonic()
        return status

    def wait(self, timeout):
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                self.kill_all()
                raise Failure(f"no exit within {timeout} s (killed)")
            time.sleep(0.003)
        return self.proc.returncode

    def kill_all(self):
        for p in [self.pid] + list(self.seen):
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        self.proc.wait()

    def stdout(self):
        self.out.seek(0)
        return self.out.read().decode(errors="replace")

    def stderr(self):
        self.err.seek(0)
        return self.err.read().decode(errors="replace")

    def check_nothing_left(self, within=0.5):
        """No process of the program left: by process group and by the pid list."""
        deadline = time.monotonic() + within
        while True:
            left_group = group_members(self.pid)
            left_pids = [p for p, s in self.seen.items() if alive((p, s))]
            if not left_group and not left_pids:
                break
            if time.monotonic() > deadline:
                for p in set(left_group + left_pids):
                    try:
                        os.kill(p, signal.SIGKILL)
                    except OSError:
                        pass
                raise Failure(f"processes left: group {left_group}, pids {left_pids}")
            time.sleep(0.01)
        new_shm = shm_entries() - self.shm_before
        if new_shm:
            raise Failure(f"left in /dev/shm: {sorted(new_shm)}")


# ---------------------------------------------------------------- building


class Builder:
    def __init__(self, mplc, work, mplc_args):
        self.mplc, self.work, self.mplc_args = mplc, work, mplc_args
        self.built = set()
        os.makedirs(work, exist_ok=True)

    def program(self, name):
        src = os.path.join(PROGRAMS, name + ".mpl")
        exe = os.path.join(self.work, name)
        if name not in self.built:  # once per invocation: the runtime may have changed
            self.built.add(name)
            r = subprocess.run([self.mplc, src, "-o", exe] + self.mplc_args, capture_output=True, text=True)
            if r.returncode != 0:
                raise Failure(f"mplc {name}.mpl failed:\n{r.stderr}")
        return exe


def program_env(extra=None):
    env = dict(os.environ)
    # Sanitizer builds: a SIGSEGV must stay a SIGSEGV (ASan would turn it into exit 1),
    # and a stage that leaves through exit(3) is not a leak report.
    env["ASAN_OPTIONS"] = "handle_segv=0:handle_abort=0:detect_leaks=0:" + env.get("ASAN_OPTIONS", "")
    env["UBSAN_OPTIONS"] = "halt_on_error=1:print_stacktrace=1:" + env.get("UBSAN_OPTIONS", "")
    env.update(extra or {})
    return env


EXPECTED = os.path.join(HERE, "expected")


def expected(name):
    """The text of tests/reliability/expected/NAME."""
    with open(os.path.join(EXPECTED, name)) as f:
        return f.read()


def run_once(argv, timeout=60, env=None):
    """Runs argv to its end; (status, stdout, stderr, run), with nothing left behind."""
    with Run(argv, env=env or program_env()) as run:
        status = run.wait(timeout=timeout)
        run.check_nothing_left()
        return status, run.stdout(), run.stderr(), run


def read_stamp(path):
    pid = died = None
    try:
        with open(path) as f:
            for line in f:
                key, _, value = line.partition(" ")
                if key == "pid":
                    pid = int(value)
                elif key == "died":
                    died = int(value) / 1e9
    except OSError:
        pass
    return pid, died


def wait_for_pid(run, stamp, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.poll()
        pid, _ = read_stamp(stamp)
        if pid:
            return pid
        time.sleep(0.002)
    raise Failure("the victim never started")


def sleep_sampling(run, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.003)


# ---------------------------------------------------------------- suites

WHERE = {"source": "stage 'source' replica 0", "work": "pool 'work' worker 0",
         "mid": "stage 'mid' replica 0", "sink": "stage 'sink' replica 0"}
HOW = {"exception": r"failed( on item \d+)?: std::runtime_error: injected failure", "exit": r"exited with status 3",
       "abort": r"was killed by SIGABRT", "segv": r"was killed by SIGSEGV",
       "kill": r"was killed by SIGKILL"}


def fault_case(b, where, how, block, delay_ms):
    exe = b.program("fault")
    stamp = os.path.join(b.work, f"stamp-{where}-{how}-{block}")
    if os.path.exists(stamp):
        os.unlink(stamp)
    args = [exe, f"--where={where}", f"--how={how}", f"--block={block}",
            f"--delay_ms={delay_ms}", f"--stamp={stamp}"]
    with Run(args, env=program_env()) as run:
        if how == "kill":
            victim = wait_for_pid(run, stamp)
            sleep_sampling(run, delay_ms / 1000)
            fault_time = time.monotonic()
            os.kill(victim, signal.SIGKILL)
        status = run.wait(timeout=10)
        if how != "kill":
            _, fault_time = read_stamp(stamp)
            if fault_time is None:
                raise Failure("the victim never reached its fault")
        elapsed = run.end - fault_time
        err = run.stderr()
        if status != 1:
            raise Failure(f"exit status {status}, expected 1; stderr:\n{err}")
        pattern = re.escape(WHERE[where]) + r" \(pid \d+\) " + HOW[how]
        if not re.search(pattern, err):
            raise Failure(f"stderr does not match /{pattern}/:\n{err}")
        if elapsed > EXIT_BOUND_S:
            raise Failure(f"exited {elapsed:.3f} s after the fault (bound {EXIT_BOUND_S} s)")
        run.check_nothing_left()
        return elapsed


def suite_fault(b, opts):
    rng = random.Random(opts.seed)
    worst, count = 0.0, 0
    wheres = opts.where or list(WHERE)
    hows = opts.how or list(HOW)
    for where in wheres:
        for how in hows:
            for block in ("full", "empty"):
                for i in range(opts.runs):
                    delay = rng.randint(0, 300) if i else 150  # first run: others surely blocked
                    try:
                        elapsed = fault_case(b, where, how, block, delay)
                    except Failure as e:
                        raise Failure(f"[{where} {how} {block} delay {delay} ms] {e}")
                    worst = max(worst, elapsed)
                    count += 1
    log(f"fault: {count} runs passed; slowest exit {worst * 1000:.0f} ms after the fault")


def suite_signals(b, opts):
    rng = random.Random(opts.seed)
    exe = b.program("fault")
    worst = 0.0
    for i in range(opts.runs):
        for sig, expected, to_group in ((signal.SIGINT, 130, False), (signal.SIGTERM, 143, False),
                                        (signal.SIGINT, 130, True)):
            block = rng.choice(["full", "empty"])
            with Run([exe, "--where=none", f"--block={block}"], env=program_env()) as run:
                # Random moment, early ones included (while stages are still being forked).
                sleep_sampling(run, rng.choice([0, 0.001, 0.01, rng.uniform(0, 0.3)]))
                t0 = time.monotonic()
                (os.killpg if to_group else os.kill)(run.pid, sig)
                status = run.wait(timeout=10)
                # A signal that arrives before main() has set up the supervisor's handling
                # kills the program by default: the shell shows 128 + signal all the same.
                if status == -sig and not run.seen:
                    status = 128 + sig
                if status != expected:
                    raise Failure(f"{sig.name}{' to the group' if to_group else ''}: status {status}, "
                                  f"expected {expected}; stderr:\n{run.stderr()}")
                worst = max(worst, run.end - t0)
                if run.end - t0 > EXIT_BOUND_S:
                    raise Failure(f"{sig.name}: exit took {run.end - t0:.3f} s")
                run.check_nothing_left()
        # SIGKILL of the supervisor: every stage gone within a second (PR_SET_PDEATHSIG).
        run = Run([exe, "--where=none", f"--block={rng.choice(['full', 'empty'])}"], env=program_env())
        # Once a stage runs (a sanitized program on a busy host can take longer than the
        # 20 ms this once waited in all: "no stage was seen running"), at a random moment.
        deadline = time.monotonic() + 10
        while not run.seen and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.003)
        sleep_sampling(run, rng.uniform(0, 0.28))
        run.sample()
        os.kill(run.pid, signal.SIGKILL)
        t0 = time.monotonic()
        run.proc.wait()
        if not run.seen:
            raise Failure("SIGKILL of the supervisor: no stage was seen running")
        run.check_nothing_left(within=EXIT_BOUND_S)
        worst = max(worst, time.monotonic() - t0)
    log(f"signals: {opts.runs} rounds of SIGINT/SIGTERM/SIGINT-to-group/SIGKILL-supervisor passed; "
        f"slowest {worst * 1000:.0f} ms")


def suite_sigpipe(b, opts):
    exe = b.program("talk")
    for i in range(opts.runs):
        # As `./talk | head -1`: read one line, then close the pipe.
        r, w = os.pipe()
        run = Run([exe], stdout=w, env=program_env())
        os.close(w)
        with os.fdopen(r, "rb") as reader:
            line = reader.readline()
        status = run.wait(timeout=10)
        if not line.startswith(b"line "):
            raise Failure(f"SIGPIPE: first line {line!r}")
        err = run.stderr()
        if status != 128 + signal.SIGPIPE or err.strip():
            raise Failure(f"SIGPIPE: status {status} (expected 141), stderr:\n{err}")
        run.check_nothing_left()
    # And through a real shell pipeline, with the shell's own status.
    r = subprocess.run(["bash", "-c", f"'{exe}' | head -1; echo \"${{PIPESTATUS[0]}}\""],
                       capture_output=True, text=True, timeout=20, env=program_env())
    if r.stdout.split() != ["line", "0", "141"] or r.stderr.strip():
        raise Failure(f"`talk | head -1` printed {r.stdout!r}, stderr {r.stderr!r}")
    log(f"sigpipe: {opts.runs + 1} runs ended quietly with 141")


def suite_retry(b, opts):
    rng = random.Random(opts.seed)
    exe = b.program("retry_fire")
    for i in range(opts.runs):
        pids = os.path.join(b.work, "retry-pids")
        open(pids, "w").close()
        kills = 0
        with Run([exe, f"--items={opts.items}", f"--pids={pids}"], env=program_env()) as run:
            while kills < opts.kills and run.poll() is None:
                sleep_sampling(run, rng.uniform(0.001, opts.kill_gap))
                with open(pids) as f:
                    latest = {}
                    for line in f:
                        parts = line.split()
                        if len(parts) == 2:
                            latest[parts[0]] = int(parts[1])
                # Only a worker that has had time to finish the item it started with: a
                # replacement retries the item its predecessor was killed on, and killing
                # it again before it could (fork and start-up take milliseconds on a busy
                # host) can spend an item's 3 retries in 4 quick kills, which the program
                # rightly reports as a failed item (seen once in CI: item 27198).
                living = [p for p in latest.values() if process_age(p) >= 0.05]
                if living and run.poll() is None:
                    try:
                        os.kill(rng.choice(living), signal.SIGKILL)
                        kills += 1
                    except ProcessLookupError:
                        pass  # it ended since its age was read (the run's last items)
            status = run.wait(timeout=300)
            out, err = run.stdout(), run.stderr()
            if status != 0:
                raise Failure(f"retry run {i}: status {status} after {kills} kills; stderr:\n{err[-3000:]}")
            if f"{opts.items} items exactly once, in order" not in out:
                raise Failure(f"retry run {i}: output {out!r}")
            if kills < opts.kills:
                raise Failure(f"retry run {i}: finished after only {kills} kills (run too short)")
            run.check_nothing_left()
    # Exhausted retries fail clearly.
    run = Run([exe, "--items=1000", "--always_die=500"], env=program_env())
    status = run.wait(timeout=30)
    err = run.stderr()
    if status != 1 or not re.search(r"error: pool 'twice' item 500 failed 4 times \(retry 3\); last attempt: pool 'twice' worker \d+ \(pid \d+\) was killed by SIGKILL", err):
        raise Failure(f"exhausted retries: status {status}, stderr:\n{err}")
    run.check_nothing_left()
    log(f"retry: {opts.runs} run(s) of {opts.items} items with {opts.kills} SIGKILLs each: "
        f"exactly once, in order; exhausted retries fail clearly")


def suite_load(b, opts):
    exe = b.program("load")
    peak = 0
    t0 = time.monotonic()
    next_pss = 0.0
    with Run([exe, f"--items={opts.items}"], env=program_env()) as run:
        while run.poll() is None:
            time.sleep(0.003)
            if time.monotonic() < next_pss:
                continue
            next_pss = time.monotonic() + 0.05
            total = 0
            for p in [run.pid] + descendants(run.pid):
                try:
                    with open(f"/proc/{p}/smaps_rollup") as f:
                        for line in f:
                            if line.startswith("Pss:"):
                                total += int(line.split()[1])
                except OSError:
                    pass
            peak = max(peak, total)
        status = run.returncode if hasattr(run, "returncode") else run.proc.returncode
        out, err = run.stdout(), run.stderr()
        if status != 0 or "checksum ok" not in out:
            raise Failure(f"load: status {status}, stdout {out!r}, stderr:\n{err[-3000:]}")
        processes = len(run.seen)
        m = re.search(r"declared (\d+) bytes", out)
        declared = int(m.group(1))
        bound_kib = 2 * declared // 1024 + opts.fixed_mib * 1024
        log(f"load: {out.strip()}; {processes} processes; {time.monotonic() - t0:.1f} s; "
            f"peak Pss {peak / 1024:.1f} MiB (bound 2 x {declared / 2**20:.1f} MiB + {opts.fixed_mib} MiB)")
        if processes < 64:
            raise Failure(f"load: only {processes} processes seen")
        if peak > bound_kib:
            raise Failure(f"load: peak Pss {peak} KiB over the bound {bound_kib} KiB")
        run.check_nothing_left()


def suite_hostile_mplc(b, opts):
    work = os.path.join(b.work, "hostile")
    os.makedirs(work, exist_ok=True)

    def write(name, data):
        path = os.path.join(work, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def expect(argv, status, pattern, timeout=60, env=None, label=None):
        t0 = time.monotonic()
        try:
            r = subprocess.run(argv, capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise Failure(f"{label}: mplc hung (> {timeout} s)")
        err = r.stderr.decode(errors="replace")
        if r.returncode != status or not re.search(pattern, err):
            raise Failure(f"{label}: status {r.returncode} (expected {status}), stderr does not match "
                          f"/{pattern}/:\n{err[:2000]}")
        log(f"  mplc {label}: status {status} in {time.monotonic() - t0:.2f} s")

    rng = random.Random(opts.seed)
    mplc = b.mplc
    expect([mplc, write("empty.mpl", b""), "--check"], 0, r"^$", label="empty file")
    garbage = bytes(rng.randrange(256) for _ in range(100_000))
    expect([mplc, write("garbage.mpl", garbage), "--check"], 1, r"garbage\.mpl:\d+:\d+: error", label="binary garbage")
    braces = b"cpp " + b"{" * 5_000_000 + b"}" * 5_000_000 + b"\n"
    expect([mplc, write("braces.mpl", braces), "--check"], 0, r"^$", label="10 MB of nested braces (balanced)")
    expect([mplc, write("open_braces.mpl", b"cpp " + b"{" * 10_000_000), "--check"], 1,
           r"open_braces\.mpl:1:5: error", label="10 MB of unclosed braces")
    expect([mplc, write("bare_braces.mpl", b"}" * 10_000_000), "--check"], 1,
           r"bare_braces\.mpl:1:1: error", label="10 MB of stray closing braces")
    expect([mplc, write("semicolons.mpl", b";" * 10_000_000), "--check"], 1,
           r"(?s)semicolons\.mpl:1:1: error: unexpected ';'.*too many errors emitted", label="10 MB of ';'")
    # Each error on one 30 MB line: placed from an index of line ends, not by scanning
    # and copying the line each time (100 errors took 17.8 s, a thousand in the editor 275 s).
    expect([mplc, write("long_line_errors.mpl", b"}" * 101 + b" " * 30_000_000), "--check", "--error-limit=100"], 1,
           r"(?s)long_line_errors\.mpl:1:100: error: '}' does not close.*too many errors emitted",
           label="100 errors on one 30 MB line")
    # 100,000 outputs to undeclared queues: each "did you mean" once listed every symbol.
    unknown = "queue q: long\n" + "".join(f"stage s{i}(q) -> nope{i} {{ }}\n" for i in range(100_000))
    expect([mplc, write("unknown_names.mpl", unknown.encode()), "--check"], 1,
           r"(?s)unknown_names\.mpl:2:\d+: error: .*'nope0' is not declared.*too many errors emitted",
           label="100,000 undeclared names")
    expect([mplc, write("keywords.mpl", b"queue\n" * 1_700_000), "--check"], 1,
           r"(?s)keywords\.mpl:1:6: error.*too many errors emitted", label="10 MB of syntax errors, one per line")
    stages = ["queue q0: long"]
    stages += ["stage s0() -> q0 { emit(1L); }"]
    n = 100_000
    for i in range(1, n - 1):
        stages.append(f"queue q{i}: long")
        stages.append(f"stage s{i}(x: q{i - 1}) -> q{i} {{ emit(x); }}")
    stages.append(f"stage s{n - 1}(q{n - 2}) {{ for (long x : q{n - 2}) (void)x; }}")
    expect([mplc, write("many.mpl", "\n".join(stages).encode() + b"\n"), "--check"], 0, r"^$",
           label=f"{n}-stage file", timeout=120)
    expect([mplc, write("latin1.mpl", b"// caf\xe9\nqueue q\xe9: long\n"), "--check"], 1,
           r"latin1\.mpl:\d+:\d+: error: invalid UTF-8", label="non-UTF-8")
    expect([mplc, write("nul.mpl", b"queue q: long\x00\nstage s() -> q {}\n"), "--check"], 1,
           r"nul\.mpl:1:\d+: error", label="NUL byte")
    expect([mplc, os.path.join(work, "does-not-exist.mpl"), "--check"], 1,
           r"does-not-exist\.mpl: error: cannot read file: No such file", label="nonexistent path")
    expect([mplc, work, "--check"], 1, r"is a directory", label="directory")
    secret = write("unreadable.mpl", b"queue q: long\n")
    os.chmod(secret, 0)
    if os.geteuid() != 0:
        expect([mplc, secret, "--check"], 1, r"unreadable\.mpl: error: cannot read file: Permission denied",
               label="unreadable file")
    elif subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "true"]).returncode == 0 \
            and subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "test", "-x", mplc]).returncode == 0:
        os.chmod(work, 0o755)
        expect(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", mplc, secret, "--check"], 1,
               r"unreadable\.mpl: error: cannot read file: Permission denied", label="unreadable file (as nobody)")
    else:
        log("  mplc unreadable file: SKIPPED (root cannot drop privileges to reach mplc)")
    # Inputs that are not regular files, or too large, are refused before a byte is read.
    def quick(argv, status, pattern, label):
        t0 = time.monotonic()
        expect(argv, status, pattern, timeout=10, label=label)
        if time.monotonic() - t0 > 1.0:
            raise Failure(f"{label}: took {time.monotonic() - t0:.2f} s (limit 1 s)")
    quick([mplc, "/dev/zero", "--check"], 1,
          r"/dev/zero: error: is a character device, not a regular file", "/dev/zero")
    quick([mplc, "run", "/dev/zero"], 1, r"'/dev/zero' is a character device", "mplc run /dev/zero")
    fifo = os.path.join(work, "fifo.mpl")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    quick([mplc, fifo, "--check"], 1, r"fifo\.mpl: error: is a FIFO, not a regular file", "FIFO")
    big = os.path.join(work, "big.mpl")
    with open(big, "wb") as f:
        f.truncate(64 * 1024 * 1024 + 1)  # sparse: 64 MiB + 1 byte of NULs
    quick([mplc, big, "--check"], 1,
          r"big\.mpl: error: is 67108865 bytes; a source file may be at most 64 MiB", "64 MiB + 1 byte")
    os.remove(big)
    includes = write("includes.mpl", b'include "/dev/zero"\ninclude "fifo.mpl"\nqueue q: long\n'
                                     b'stage a() -> q { emit(1L); }\nstage b(q) { }\n')
    quick([mplc, includes, "--check"], 1,
          r"includes\.mpl:2:1: error: included file 'fifo\.mpl' is a FIFO", "include of /dev/zero and a FIFO")
    # 500,000 unused queues once printed 58 MB of warnings: 20 are shown, then a count.
    # (--unused-queues: fewer under the sanitizers, where mplc takes 42 s on 500,000.)
    n = opts.unused_queues
    unused = write("unused.mpl", ("stage s() { }\n" + "".join(f"queue q{i}: long\n" for i in range(n))).encode())
    r = subprocess.run([mplc, unused, "--check"], capture_output=True, timeout=120)
    err = r.stderr.decode(errors="replace")
    if r.returncode != 0 or err.count(": warning: ") != 20 or len(err) > 10_000 or \
            f"unused.mpl: note: {n - 20} more warnings not shown (--warning-limit=0 shows them all)" not in err:
        raise Failure(f"{n:,} unused queues: status {r.returncode}, {len(err)} bytes:\n{err[-2000:]}")
    log(f"  mplc {n:,} unused queues: {len(err)} bytes of warnings")
    # The option on a small file: the big one above already took the path of many warnings
    # (and 42 s under the sanitizers each time it is checked).
    few_unused = write("few_unused.mpl", ("stage s() { }\n" + "".join(f"queue q{i}: long\n" for i in range(50))).encode())
    r = subprocess.run([mplc, few_unused, "--check", "--warning-limit=3"], capture_output=True, timeout=60)
    err = r.stderr.decode(errors="replace")
    if r.returncode != 0 or err.count(": warning: ") != 3 or "note: 47 more warnings not shown" not in err:
        raise Failure(f"--warning-limit=3 on 50 unused queues: status {r.returncode}:\n{err[-2000:]}")
    log("  mplc --warning-limit=3: 3 warnings and the count of the 47 others")
    expect([mplc, write("esc.mpl", b"queue q: long \x1b]0;pwned\x07 @\n"), "--check", "--error-limit=1"], 1,
           r"esc\.mpl:1:15: error: unexpected character '\\x1b'", label="ESC in the source")
    if b"\x1b" in subprocess.run([mplc, os.path.join(work, "esc.mpl"), "--check"], capture_output=True).stderr:
        raise Failure("ESC in the source: a raw ESC reached stderr")
    expect([mplc], 2, r"usage|error", label="no arguments")
    expect([mplc, "--frobnicate"], 2, r"Unknown command line argument .--frobnicate", label="unknown option")
    log("hostile-mplc: passed")


def suite_hostile_args(b, opts):
    exe = b.program("args")
    cases = [
        (["--count"], r"--count"), (["--count="], r"--count"), (["--count=x"], r"invalid value 'x' for --count"),
        (["--count=99999999999999999999999"], r"--count"), (["--count=-"], r"--count"),
        (["--ratio=nan"], r"--ratio: expected a finite"), (["--ratio=inf"], r"--ratio: expected a finite"),
        (["--ratio=-Infinity"], r"--ratio"), (["--ratio=1e999999"], r"--ratio"), (["--ratio=abc"], r"--ratio"),
        (["--flag=maybe"], r"--flag"), (["--cout=3"], r"did you mean '--count'"),
        (["-count=3"], r"error"), (["--"], r"error"), (["-"], r"error"), (["plain"], r"error"),
        (["--workers"], r"--workers"), (["--workers", "work"], r"--workers"), (["--workers=work=0"], r"--workers"),
        (["--workers=work=-1"], r"--workers"), (["--workers=work=x"], r"--workers"),
        (["--workers=wrk=2"], r"did you mean 'work'"), (["--workers=work=99999999999"], r"'work'"),
        (["--workers=work=100000"], r"work"), (["--workers=,"], r"--workers"), (["--workers=="], r"--workers"),
        (["--stats=maybe"], r"error"), (["--help=1"], r"error"), (["--count=1", "--count=2"], None),
        (["--name=" + "x" * 100_000], None), (["--\xe9=1"], r"error"), (["--count=\xff"], r"--count"),
        ([""], r"error"),
    ]
    for argv, pattern in cases:
        run = Run([exe] + argv, env=program_env())
        status = run.wait(timeout=20)
        err = run.stderr()
        shown = " ".join(a if len(a) < 40 else a[:37] + "..." for a in argv)
        if pattern is None:
            if status not in (0, 2) or (status == 2 and "error" not in err):
                raise Failure(f"args {shown!r}: status {status}, stderr:\n{err}")
        elif status != 2 or not re.search(pattern, err):
            raise Failure(f"args {shown!r}: status {status} (expected 2), stderr does not match /{pattern}/:\n{err}")
        if status == 2 and run.stdout():
            raise Failure(f"args {shown!r}: a stage ran before the command line was rejected: {run.stdout()!r}")
        run.check_nothing_left()
    log(f"hostile-args: {len(cases)} malformed command lines rejected cleanly")


SUITES = {"fault": suite_fault, "signals": suite_signals, "sigpipe": suite_sigpipe, "retry": suite_retry,
          "load": suite_load, "hostile-mplc": suite_hostile_mplc, "hostile-args": suite_hostile_args}


def run_suite(suites, add_options=None, seeded=False):
    """The command line every suite script shares: --mplc, --work, --mplc-arg, the
    script's own options (add_options(parser)), then SUITE; runs it, exit 1 on Failure."""
    p = argparse.ArgumentParser()
    p.add_argument("--mplc", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--mplc-arg", action="append", default=[])
    if add_options:
        add_options(p)
    p.add_argument("suite", choices=sorted(suites))
    opts = p.parse_args()
    label = opts.suite
    if seeded:
        if opts.seed is None:
            opts.seed = random.randrange(1 << 30)
        log(f"{opts.suite}: seed {opts.seed}")
        label = f"{opts.suite} (seed {opts.seed})"
    try:
        suites[opts.suite](Builder(opts.mplc, opts.work, opts.mplc_arg), opts)
    except Failure as e:
        print(f"FAIL {label}: {e}", file=sys.stderr)
        sys.exit(1)


def add_options(p):
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--where", action="append")
    p.add_argument("--how", action="append")
    p.add_argument("--items", type=int, default=1_000_000)
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--kill-gap", type=float, default=0.004)
    p.add_argument("--fixed-mib", type=int, default=64)
    p.add_argument("--unused-queues", type=int, default=500_000)


def main():
    run_suite(SUITES, add_options, seeded=True)


if __name__ == "__main__":
    main()
