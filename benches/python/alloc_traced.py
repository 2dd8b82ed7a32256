"""Allocation-heavy, for the overhead of the allocation tracers: a list of 300,000 small
objects (a tuple of an int and a float each) rebuilt in a loop.

`alloc_traced.py [ROUNDS]` (default 5). Run it plain, under `--heap-profile FILE` and under `-X tracemalloc`; the ratios of the three
(instruction counts under callgrind, or times) are the tracers' overhead per allocation.
"""

import sys

N = 300_000
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def build(n, r):
    return [(i, i * 0.5 + r) for i in range(n)]


def main():
    total = 0.0
    items = []
    for r in range(ROUNDS):
        items = build(N, r)
        total += items[-1][1]
    print(len(items), total)


main()
