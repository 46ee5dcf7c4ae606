#!/usr/bin/env python3
"""2-stage and strings baselines: multiprocessing.Queue between two Processes, one
put() per item, None as end of stream.

    mp_queue.py numbers N    the longs 0..N-1; prints their sum
    mp_queue.py strings N    the strings of bench/workloads/work.hpp; prints count and bytes
"""
import multiprocessing as mp
import sys


def produce_numbers(queue, items):
    for i in range(items):
        queue.put(i)
    queue.put(None)


def produce_strings(queue, items):
    for i in range(items):  # mpl_bench::make_string
        queue.put(chr(97 + i % 26) * (10 + i * 7919 % 191))
    queue.put(None)


def main():
    kind, items = sys.argv[1], int(sys.argv[2])
    queue = mp.Queue(1024)
    producer = mp.Process(target=produce_numbers if kind == "numbers" else produce_strings, args=(queue, items))
    producer.start()
    count = total = 0
    for item in iter(queue.get, None):
        count += 1
        total += item if kind == "numbers" else len(item)
    producer.join()
    print(total if kind == "numbers" else f"{count} {total}")


if __name__ == "__main__":
    main()
