#!/usr/bin/env python3
"""Bytes per node of a linked structure, arenapy (every strategy) against CPython, side by side.

    python3 benches/node_bytes.py [--kinds slots,plain] [--allocators a,b,...] [N_SMALL N_LARGE]

(default: both kinds, all five strategies, N = 1000000 10000000). Builds the release binary
(or takes the one named by ARENAPY_BIN, unbuilt), then for each kind of node runs
benches/node_bytes_heap.py at both sizes under `python3 -S` and under `arenapy --allocator X
--stats-json FILE` for each strategy X, and prints one table per kind:

- peak RSS of each run (the child's own, from `os.wait4`), and the growth per node,
  (RSS(N_LARGE) - RSS(N_SMALL)) / (N_LARGE - N_SMALL): what a node costs the process, arenas,
  pools, size-class rounding and malloc headers included, start-up costs cancelled out;
- for arenapy, the strategy's own statistics at the end of the program (before teardown, the
  whole chain live), as the same growth per node: live bytes (the sum of requested block
  sizes: the objects' own sizes) and footprint (bytes the strategy holds from the system).

A "slots" node is one instance of a 4-slot `__slots__` class, one 2-tuple and two ints; a
"plain" node one instance of a class without `__slots__` with two attributes (see
benches/node_bytes_heap.py).
"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_python_benches import run_fields  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAP = os.path.join(ROOT, "benches", "node_bytes_heap.py")
STRATEGIES = ["pymalloc", "system", "mimalloc", "bump", "typed-arena"]


def run(cmd):
    """Runs `cmd`; gives its printed "key value" pairs and its peak RSS in bytes."""
    values, r = run_fields(cmd)
    return values, round(r.rss * 1024 * 1024)


def main():
    args = sys.argv[1:]
    kinds = ["slots", "plain"]
    strategies = STRATEGIES
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--kinds":
            kinds = args.pop(0).split(",")
        elif opt == "--allocators":
            strategies = args.pop(0).split(",")
        else:
            sys.exit(__doc__)
    small, large = [int(a) for a in args] if args else (10**6, 10**7)
    arenapy = os.environ.get("ARENAPY_BIN")
    if not arenapy:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--bin", "arenapy"], cwd=ROOT, check=True
        )
        arenapy = os.path.join(ROOT, "target", "release", "arenapy")
    span = large - small
    tmp = tempfile.mkdtemp(prefix="node_bytes")
    print("bytes per node, growth from N = %d to %d nodes" % (small, large))
    print("arenapy %s vs %s -S" % (arenapy, sys.executable))
    for kind in kinds:
        print()
        print("kind %s" % kind)
        print()
        print(
            "| run | getsizeof | RSS MiB N=%d | RSS MiB N=%d | RSS B/node | live B/node | footprint B/node |"
            % (small, large)
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        rss = []
        for n in (small, large):
            out, r = run([sys.executable, "-S", HEAP, kind, str(n)])
            rss.append(r)
        print(
            "| CPython | %s | %.1f | %.1f | %.1f | | |"
            % (out["getsizeof"], rss[0] / 2**20, rss[1] / 2**20, (rss[1] - rss[0]) / span),
            flush=True,
        )
        for strategy in strategies:
            rss, stats = [], []
            for n in (small, large):
                path = os.path.join(tmp, "%s-%s-%d.json" % (kind, strategy, n))
                out, r = run(
                    [arenapy, "--allocator", strategy, "--stats-json", path, HEAP, kind, str(n)]
                )
                rss.append(r)
                with open(path) as f:
                    stats.append(json.load(f))
            live = stats[1]["live_bytes_at_exit"] - stats[0]["live_bytes_at_exit"]
            foot = stats[1]["footprint_at_exit"] - stats[0]["footprint_at_exit"]
            print(
                "| arenapy %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f |"
                % (
                    strategy,
                    out["getsizeof"],
                    rss[0] / 2**20,
                    rss[1] / 2**20,
                    (rss[1] - rss[0]) / span,
                    live / span,
                    foot / span,
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
