#!/usr/bin/env python3
"""Distributed runs over MPI (docs/distributed.md): placement, flow control and faults.

usage: distributed.py --mplc MPLC --work DIR SUITE

Every program is built with `mplc --mpi` and run with `mpirun --oversubscribe --mca btl
tcp,self -n 3`, so items cross ranks over TCP even on one host. Each run is checked for
its exit status, its output against expected/, and that no process of the run is left
(every process carries a tag in its environment). Suites:

  spread      a pool's bodies run on every rank
  flood       10^7 items from a fast source through a slower pool on every rank: each
              rank's supervisor (where the bridge buffers) stays under FLOOD_BOUND_MIB
  kill-worker SIGKILL of a worker on rank 2, no retry: status 1 within 2 s, rank named
  retry       the same with `retry 2`: the output is exact
  kill-rank   SIGKILL of rank 2's supervisor: the run ends within 5 s, rank 2 named
  sigint      SIGINT to mpirun: everything stops
  ordered     an ordered pool on every rank: outputs in input order, from every rank
  ordered-retry  the same with `retry 2` and a worker on rank 2 killed: exact and in order
  early-stop  an endless source, a pool on every rank, a sink that breaks: all ranks end
              (also with the pool ordered)
  lead        a fast source runs ahead of slow remote workers by a few capacities only
  before      state set up in before{} is there for every rank's stages
  long-tail   rank 0 runs 12 s more while ranks 1 and 2 have nothing: they wait
  big-items   strings longer than their capacity-2 rings cross ranks (ordered and not)
  place       --place moves stages (the output stays exact); a rank that does not exist
              and a stage using a shared value are refused once, with status 2
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RANKS = 3
FLOOD_BOUND_MIB = 64
# TCP on loopback only: a host interface that cannot reach itself (some VMs) makes
# Open MPI hang on connect.
MPIRUN = ["mpirun", "--oversubscribe", "--mca", "btl", "tcp,self", "--mca", "btl_tcp_if_include", "lo",
          "-n", str(RANKS)]


class Failure(Exception):
    pass


def build(args, name, source=None):
    exe = os.path.join(args.work, name)
    source = source or os.path.join(HERE, "programs", name + ".mpl")
    result = subprocess.run([args.mplc, "--mpi", source, "-o", exe], capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"mplc --mpi {name}.mpl failed:\n{result.stderr}")
    return exe


def expected(name):
    with open(os.path.join(HERE, "expected", name + ".out")) as f:
        return f.read()


def tagged(tag):
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                if f"MPL_TEST_TAG={tag}".encode() in f.read().split(b"\0"):
                    pids.append(int(entry))
        except OSError:
            pass
    return pids


class Run:
    """mpirun of one program, with a fault injected while it runs."""

    def __init__(self, exe, argv=()):
        self.tag = f"mpl-dist-{os.getpid()}-{time.monotonic_ns()}"
        env = dict(os.environ, MPL_TEST_TAG=self.tag, OMPI_ALLOW_RUN_AS_ROOT="1",
                   OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        self.err_path = exe + ".stderr"
        self.err = open(self.err_path, "w+")
        self.proc = subprocess.Popen(MPIRUN + [exe, *argv], stdout=subprocess.PIPE, stderr=self.err,
                                     env=env, text=True, start_new_session=True)

    def worker_pids(self, rank, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.err.seek(0)
            pids = [int(m) for m in re.findall(rf"^rank {rank} worker pid (\d+)$", self.err.read(), re.M)]
            if pids:
                return pids
            time.sleep(0.05)
        raise Failure(f"no worker of rank {rank} said where it runs")

    def finish(self, timeout=60):
        try:
            out, _ = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            raise Failure(f"mpirun still running after {timeout} s")
        ended = time.monotonic()
        self.err.seek(0)
        err = self.err.read()
        for _ in range(50):  # no process of the run may be left
            left = tagged(self.tag)
            if not left:
                break
            time.sleep(0.1)
        if left:
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            raise Failure(f"processes left behind: {left}\n{err}")
        return self.proc.returncode, out, err, ended


def check_output(name, status, out, err):
    if status != 0:
        raise Failure(f"exit status {status}\n{err}")
    if out != expected(name):
        raise Failure(f"stdout {out!r}, expected {expected(name)!r}\n{err}")


def suite_spread(args):
    trace = os.path.join(args.work, "spread.trace.json")
    run = Run(build(args, "spread"), [f"--trace={trace}"])
    status, out, err, _ = run.finish()
    check_output("spread", status, out, err)
    # One timeline per rank, each a whole JSON document (docs/distributed.md).
    for path in [trace] + [f"{trace}.rank{r}" for r in range(1, RANKS)]:
        try:
            with open(path) as f:
                json.load(f)
        except (OSError, ValueError) as error:
            raise Failure(f"--trace: {path}: {error}")


def suite_flood(args):
    run = Run(build(args, "flood"), ["--stats"])
    status, out, err, _ = run.finish(timeout=240)
    check_output("flood", status, out, err)
    peaks = [float(m) for m in re.findall(r"^\d+\s+\S+\s+\d+\s+\d+\s+([\d.]+) MiB$", err, re.M)]
    if len(peaks) != RANKS:
        raise Failure(f"expected {RANKS} rank rows with a supervisor peak in --stats:\n{err}")
    print(f"supervisor peaks (MiB): {peaks}; bound {FLOOD_BOUND_MIB}")
    if max(peaks) > FLOOD_BOUND_MIB:
        raise Failure(f"a rank's supervisor reached {max(peaks)} MiB (bound {FLOOD_BOUND_MIB})")


def kill_worker(args, program, argv=("--n=20000",)):
    run = Run(build(args, program), list(argv))
    victim = run.worker_pids(2)[0]
    time.sleep(0.3)
    try:
        os.kill(victim, signal.SIGKILL)
    except ProcessLookupError:
        raise Failure(f"worker {victim} ended before it could be killed: the run is too short")
    killed = time.monotonic()
    status, out, err, ended = run.finish()
    print(f"worker {victim} on rank 2 killed; mpirun exited {status} after {ended - killed:.2f} s")
    return status, out, err, ended - killed, victim


def suite_kill_worker(args):
    status, out, err, took, victim = kill_worker(args, "faults")
    if status != 1:
        raise Failure(f"exit status {status}, expected 1\n{err}")
    if took > 2.0:
        raise Failure(f"the run took {took:.2f} s to end after the kill (bound 2 s)\n{err}")
    if not re.search(rf"error: pool 'work' worker \d \(pid {victim}\) on rank 2 \(.*\) was killed by SIGKILL", err):
        raise Failure(f"no error naming the worker and rank 2:\n{err}")
    if out.startswith("items"):
        raise Failure(f"a failed run printed a result: {out!r}")


def suite_retry(args):
    status, out, err, _, victim = kill_worker(args, "faults_retry")
    check_output("faults_retry", status, out, err)
    if not re.search(rf"warning: pool 'work' worker \d \(pid {victim}\) on rank 2 .*(retrying|starting a new worker)", err):
        raise Failure(f"no retry warning naming the worker and rank 2:\n{err}")


def suite_kill_rank(args):
    run = Run(build(args, "faults"), ["--n=20000"])
    worker = run.worker_pids(2)[0]
    with open(f"/proc/{worker}/stat") as f:
        supervisor = int(f.read().rsplit(")", 1)[1].split()[1])
    time.sleep(0.3)
    os.kill(supervisor, signal.SIGKILL)
    killed = time.monotonic()
    status, out, err, ended = run.finish()
    print(f"rank 2's supervisor {supervisor} killed; mpirun exited {status} after {ended - killed:.2f} s")
    if status == 0 or out.startswith("items"):
        raise Failure(f"the run did not fail (status {status}, stdout {out!r})\n{err}")
    if ended - killed > 5.0:
        raise Failure(f"the run took {ended - killed:.2f} s to end (bound 5 s)")
    if not re.search(r"rank 2\b", err):
        raise Failure(f"nothing names rank 2:\n{err}")


def suite_sigint(args):
    run = Run(build(args, "faults"), ["--n=20000"])
    run.worker_pids(2)
    time.sleep(0.3)
    os.kill(run.proc.pid, signal.SIGINT)
    sent = time.monotonic()
    status, out, err, ended = run.finish()
    print(f"SIGINT to mpirun; it exited {status} after {ended - sent:.2f} s")
    if status == 0 or out.startswith("items"):
        raise Failure(f"the run did not stop (status {status}, stdout {out!r})\n{err}")
    if ended - sent > 5.0:
        raise Failure(f"the run took {ended - sent:.2f} s to stop (bound 5 s)")


def suite_ordered(args):
    run = Run(build(args, "ordered"))
    status, out, err, _ = run.finish()
    check_output("ordered", status, out, err)


def suite_ordered_retry(args):
    status, out, err, _, victim = kill_worker(args, "ordered_retry", ("--us=400",))
    check_output("ordered_retry", status, out, err)
    if not re.search(rf"warning: pool 'work' worker \d \(pid {victim}\) on rank 2 .*(retrying|starting a new worker)", err):
        raise Failure(f"no retry warning naming the worker and rank 2:\n{err}")


def suite_early_stop(args):
    for program in ("early_stop", "early_stop_ordered"):
        run = Run(build(args, program))
        status, out, err, _ = run.finish(timeout=30)
        check_output(program, status, out, err)


def suite_place(args):
    run = Run(build(args, "spread"), ["--place", "sink=2", "--place", "work=1,2"])
    status, out, err, _ = run.finish()
    want = expected("spread").replace("ranks 3", "ranks 2")
    if status != 0 or out != want:
        raise Failure(f"--place sink=2 work=1,2: status {status}, stdout {out!r}, expected {want!r}\n{err}")
    refusals = [
        (["--place", "work=7"], "error: --place work: rank 7 does not exist; this run has 3 ranks (0 to 2)", None),
        (["--place", "worker=1"], "error: --place worker=1: 'worker' uses shared value 'counter', which lives on "
                                  "rank 0; it can run only there", "shared_counter"),
    ]
    for argv, message, example in refusals:
        exe = build(args, example, os.path.join(HERE, "..", "..", "examples", example + ".mpl")) if example else \
            os.path.join(args.work, "spread")
        status, out, err, _ = Run(exe, argv).finish()
        if status != 2 or err.count(message) != 1:
            raise Failure(f"{' '.join(argv)}: status {status} (expected 2), stderr should say once: {message}\n{err}")


def suite_simple(program, timeout=60):
    def suite(args):
        status, out, err, _ = Run(build(args, program)).finish(timeout=timeout)
        check_output(program, status, out, err)
    return suite


def suite_big_items(args):
    for program in ("big_items", "big_items_unordered"):
        suite_simple(program)(args)


SUITES = {"big-items": suite_big_items, "lead": suite_simple("lead"), "before": suite_simple("before_table"),
          "long-tail": suite_simple("long_tail", timeout=90), "place": suite_place, "early-stop": suite_early_stop, "ordered": suite_ordered, "ordered-retry": suite_ordered_retry, "spread": suite_spread, "flood": suite_flood, "kill-worker": suite_kill_worker,
          "retry": suite_retry, "kill-rank": suite_kill_rank, "sigint": suite_sigint}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mplc", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("suite", choices=SUITES)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    try:
        SUITES[args.suite](args)
    except Failure as failure:
        print(f"FAIL [{args.suite}]: {failure}", file=sys.stderr)
        return 1
    print(f"PASS [{args.suite}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
