#!/usr/bin/env python3
"""Slow-item pool baseline: multiprocessing.Pool(4).map over items that each sleep
50 ms, with the default chunksize; prints the sum of squares (as bench/mpl/slow_items.mpl).

    mp_slow_pool.py [ITEMS] [MS]
"""
import multiprocessing as mp
import sys
import time

MS = 50


def slow_square(x):
    time.sleep(MS / 1000)
    return x * x


def main():
    global MS
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    MS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    with mp.Pool(4) as pool:
        squares = pool.map(slow_square, range(items))
    if squares != [i * i for i in range(items)]:
        sys.exit("results out of order")
    print(sum(squares))


if __name__ == "__main__":
    main()
