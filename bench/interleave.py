#!/usr/bin/env python3
"""Times commands interleaved (A B C A B C ...) and prints each one's median, min and max.

    bench/interleave.py PROGRAMS.json [RUNS]

PROGRAMS.json maps a label to an argv: {"strings before": ["/tmp/ab/strings_before",
"--items=10000000"], ...}. docs/performance.md's before/after runs (issue 16) compiled
bench/mpl/*.mpl with the mplc of the commit before and of the commit after, and listed
both next to the bench/run baselines of the same workloads."""
import json
import statistics
import subprocess
import sys
import time


def main():
    programs = json.load(open(sys.argv[1]))
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    times = {label: [] for label in programs}
    for _ in range(runs):
        for label, argv in programs.items():
            start = time.perf_counter()
            result = subprocess.run(argv, capture_output=True)
            times[label].append(time.perf_counter() - start)
            if result.returncode:
                sys.exit(f"{label} failed ({result.returncode}): {result.stderr[-500:].decode()}")
    for label, seconds in times.items():
        print(f"{label:28s} median {statistics.median(seconds) * 1e3:8.1f} ms  min {min(seconds) * 1e3:8.1f}"
              f"  max {max(seconds) * 1e3:8.1f}  ({max(seconds) / min(seconds):.2f})")


if __name__ == "__main__":
    main()
