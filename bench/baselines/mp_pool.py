#!/usr/bin/env python3
"""Ordered-pool baseline: multiprocessing.Pool(2).map(square, range(N)) with the
default chunksize. Checks the order and prints the sum of squares modulo 2^64 (as the
C++ programs' unsigned sum).

    mp_pool.py N
"""
import multiprocessing as mp
import sys


def square(x):
    return x * x


def main():
    items = int(sys.argv[1])
    with mp.Pool(2) as pool:
        squares = pool.map(square, range(items))
    if squares != [i * i for i in range(items)]:
        sys.exit("results out of order")
    print(sum(squares) % 2**64)


if __name__ == "__main__":
    main()
