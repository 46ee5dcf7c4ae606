#!/usr/bin/env python3
"""Hostile limits of the runtime (issue 11): memory the machine cannot give, and a
huge ring that must not be touched up front. See docs/reliability.md, "Hostile limits:
runtime". Uses the harness of reliability.py.

usage: limits.py --mplc MPLC --work DIR [--mplc-arg ARG]... SUITE
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reliability import Failure, Run, descendants, log, program_env, run_suite  # noqa: E402


def overcommit_mode():
    try:
        with open("/proc/sys/vm/overcommit_memory") as f:
            return int(f.read())
    except OSError:
        return 0


def suite_refusal(b, opts):
    """Sizes no machine maps: --help works, the run is one line and status 2."""
    cases = [("limits_queue", r"queue 'q' of 1073741824 slots of 1024 bytes \(1 TiB\)"),
             ("limits_shared", r"shared long\[1099511627776\] \(8 TiB\)")]
    for name, largest in cases:
        exe = b.program(name)
        run = Run([exe, "--help"], env=program_env())
        status = run.wait(timeout=20)
        if status != 0 or not run.stdout().startswith("usage: ") or run.stderr():
            raise Failure(f"{name} --help: status {status}, stdout {run.stdout()[:200]!r}, stderr {run.stderr()!r}")
        run.check_nothing_left()
        if overcommit_mode() == 1:  # the kernel maps anything: nothing to refuse
            log(f"refusal: {name}: vm.overcommit_memory=1, mapping cannot fail; skipped")
            continue
        run = Run([exe], env=program_env())
        status = run.wait(timeout=20)
        err = run.stderr()
        pattern = (r"^error: cannot map [\d.]+ TiB of shared memory for this run \([^)]+\); largest: .*"
                   + largest + r".*\n\Z")
        if status != 2 or not re.match(pattern, err) or err.count("\n") != 1:
            raise Failure(f"{name}: status {status} (expected 2), stderr does not match /{pattern}/:\n{err}")
        if run.stdout():
            raise Failure(f"{name}: a stage started: {run.stdout()!r}")
        if len(run.seen) != 0:
            raise Failure(f"{name}: {len(run.seen)} processes forked before the refusal")
        run.check_nothing_left()
        log(f"refusal: {name}: {err.strip()}")


def peak_pss_kib(run, timeout):
    """Runs to the end, sampling the summed Pss of the program's processes."""
    peak, deadline = 0, time.monotonic() + timeout
    while run.poll() is None:
        if time.monotonic() > deadline:
            run.kill_all()
            raise Failure(f"no exit within {timeout} s (killed)")
        total = 0
        for p in [run.pid] + descendants(run.pid):
            try:
                with open(f"/proc/{p}/smaps_rollup") as f:
                    total += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
            except OSError:
                pass
        peak = max(peak, total)
        time.sleep(0.005)
    return peak


def suite_huge_ring(b, opts):
    """A 2^30-slot ring (16 GiB mapped) carrying 10^5 items touches a few MiB of it."""
    exe = b.program("limits_cap")
    items = 100_000
    with Run([exe, "--cap=1073741824", f"--items={items}"], env=program_env()) as run:
        peak = peak_pss_kib(run, timeout=120)
        status, out, err = run.proc.returncode, run.stdout(), run.stderr()
        expected = f"{items} items, sum {items * (items - 1)}\n"
        if status != 0 or out != expected:
            raise Failure(f"huge-ring: status {status}, stdout {out!r} (expected {expected!r}), stderr:\n{err[-2000:]}")
        log(f"huge-ring: {out.strip()}; peak Pss {peak / 1024:.1f} MiB of a 16 GiB ring")
        if peak > opts.bound_mib * 1024:
            raise Failure(f"huge-ring: peak Pss {peak / 1024:.1f} MiB over {opts.bound_mib} MiB: "
                          "memory the run does not use was touched")
        run.check_nothing_left()


SUITES = {"refusal": suite_refusal, "huge-ring": suite_huge_ring}


def main():
    run_suite(SUITES, lambda p: p.add_argument("--bound-mib", type=int, default=256))


if __name__ == "__main__":
    main()
