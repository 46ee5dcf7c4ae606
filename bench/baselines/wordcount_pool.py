#!/usr/bin/env python3
"""Word-count baseline: multiprocessing.Pool(2).map over chunks of 2000 lines (as
examples/wordcount.mpl's default chunk_lines), one Counter per chunk, merged and sorted.
Output as `tr -cs 'A-Za-z' '\\n' | tr 'A-Z' 'a-z' | grep . | sort | uniq -c | sort -rn`
with LC_ALL=C: count descending, then word descending.

    wordcount_pool.py FILE
"""
import collections
import multiprocessing as mp
import re
import sys

CHUNK_LINES = 2000
WORD = re.compile(rb"[A-Za-z]+")


def count(chunk):
    return collections.Counter(WORD.findall(chunk.lower()))


def chunks(path):
    with open(path, "rb") as text:
        lines = text.readlines()
    for start in range(0, len(lines), CHUNK_LINES):
        yield b"".join(lines[start:start + CHUNK_LINES])


def main():
    totals = collections.Counter()
    with mp.Pool(2) as pool:
        for partial in pool.map(count, chunks(sys.argv[1])):
            totals.update(partial)
    ranked = sorted(totals.items(), key=lambda item: (item[1], item[0]), reverse=True)
    sys.stdout.buffer.write(b"".join(b"%7d %s\n" % (n, word) for word, n in ranked))


if __name__ == "__main__":
    main()
