#!/usr/bin/env python3
"""Writes the word-count workload's text: SIZE bytes (default 200 MB) of lines of 12
tokens drawn, Zipf-weighted, from the whitespace-separated tokens (punctuation and case
kept) of /usr/share/common-licenses, with a fixed seed, so the same Python gives the same
file.

    make_text.py OUT [SIZE]
"""
import pathlib
import random
import sys

LICENSES = pathlib.Path("/usr/share/common-licenses")
WORDS_PER_LINE = 12
LINES_PER_BLOCK = 50_000


def vocabulary():
    tokens = set()
    for path in sorted(LICENSES.iterdir()):
        if path.is_file():
            tokens.update(path.read_bytes().split())
    # ASCII only, so every tool agrees on what a letter is.
    return sorted(t for t in tokens if t.isascii())


def main():
    out, size = sys.argv[1], int(float(sys.argv[2])) if len(sys.argv) > 2 else 200_000_000
    words = vocabulary()
    rng = random.Random(20240601)
    rng.shuffle(words)
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):  # Zipf: the rank-th word has weight 1/rank
        total += 1.0 / rank
        cumulative.append(total)
    written = 0
    with open(out + ".part", "wb") as text:
        while written < size:
            drawn = rng.choices(words, cum_weights=cumulative, k=WORDS_PER_LINE * LINES_PER_BLOCK)
            block = b"\n".join(b" ".join(drawn[i:i + WORDS_PER_LINE]) for i in range(0, len(drawn), WORDS_PER_LINE)) + b"\n"
            if written + len(block) > size:  # the last block: cut, ending on a whole line
                block = block[:size - written]
                text.write(block[:block.rfind(b"\n") + 1])
                break
            text.write(block)
            written += len(block)
    pathlib.Path(out + ".part").rename(out)


if __name__ == "__main__":
    main()
