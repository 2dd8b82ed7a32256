#!/usr/bin/env python3
"""A full collection over large heaps, arenapy against CPython, side by side in one run.

    python3 benches/gc_collect.py [N ...]        (default: 100000 1000000 10000000)

Builds the release binary, then for each N runs benches/gc_collect_heap.py (N live instances
in a list, each holding a reference to the next) under `arenapy` (pymalloc, or
ARENAPY_ALLOCATOR) and under `python3 -S`, and prints a table: the best of 7 timed
`gc.collect()` calls (3 for N >= 10^7) each side, their ratio, and each process's peak RSS.
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_python_benches import run_fields  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAP = os.path.join(ROOT, "benches", "gc_collect_heap.py")
ARENAPY = os.path.join(ROOT, "target", "release", "arenapy")


def measure(cmd):
    """Runs `cmd`; gives its printed "key value" pairs and its peak RSS in MiB."""
    values, r = run_fields(cmd)
    return values, r.rss


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10**5, 10**6, 10**7]
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "arenapy"], cwd=ROOT, check=True
    )
    allocator = os.environ.get("ARENAPY_ALLOCATOR", "pymalloc")
    print("full collection over N live instances (best of the timed gc.collect() calls)")
    print("arenapy --allocator %s (release) vs %s -S" % (allocator, sys.executable))
    print()
    header = "| objects | arenapy s | CPython s | ratio | arenapy build s | CPython build s | arenapy RSS MiB | CPython RSS MiB |"
    print(header)
    print("|---:" * 8 + "|")
    for n in sizes:
        repeat = "3" if n >= 10**7 else "7"
        a, a_rss = measure([ARENAPY, "--allocator", allocator, HEAP, str(n), repeat])
        c, c_rss = measure([sys.executable, "-S", HEAP, str(n), repeat])
        ta = float(a["collect-best"])
        tc = float(c["collect-best"])
        print(
            "| %d | %.4f | %.4f | %.2f | %.2f | %.2f | %.0f | %.0f |"
            % (n, ta, tc, ta / tc, float(a["build"]), float(c["build"]), a_rss, c_rss),
            flush=True,
        )


if __name__ == "__main__":
    main()
