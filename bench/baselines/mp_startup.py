#!/usr/bin/env python3
"""Start-up baseline: 64 multiprocessing.Process that do nothing, started and joined."""
import multiprocessing as mp


def idle():
    pass


def main():
    processes = [mp.Process(target=idle) for _ in range(64)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()


if __name__ == "__main__":
    main()
