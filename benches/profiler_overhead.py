#!/usr/bin/env python3
"""What the heap profilers cost: each program plain, under `--heap-profile` and under
`-X tracemalloc`.

    python3 benches/profiler_overhead.py [--arenapy PATH] [--runs N] [--dir DIR ...]
        [--no-ours] [--json FILE] [PROGRAM ...]

For each program (ours in benches/python, plus every `--dir` as benches/run_python_benches.py
finds them) the three commands run N times each (default 3), interleaved; a profiled run must
print what the plain one printed. The tables give, per program and tool, the ratio of the median
wall times and of the median CPU times (user + system of every thread: a profiler may count its
events on a second thread, so the wall ratio is the lower one when a core is free, and the CPU
ratio what the profile costs a machine with none), and the geometric means of the ratios.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_python_benches import ROOT, collect_programs, geomean, run_once  # noqa: E402

TOOLS = ["heap-profile", "tracemalloc"]


def programs(args):
    """[(name, directory, file)] to run (see run_python_benches.collect_programs)."""
    return [p[1:] for p in collect_programs(args)]


def command(exe, tool, file, profile):
    if tool == "heap-profile":
        return [exe, "--heap-profile", profile, file]
    if tool == "tracemalloc":
        return [exe, "-X", "tracemalloc", file]
    return [exe, file]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("programs", nargs="*")
    p.add_argument("--arenapy", default=os.path.join(ROOT, "target", "release", "arenapy"))
    p.add_argument("--runs", type=int, default=3, help="runs of each command (median)")
    p.add_argument("--dir", action="append", default=[])
    p.add_argument("--no-ours", action="store_true")
    p.add_argument("--json", metavar="FILE")
    p.add_argument("--timeout", type=int, default=900)
    args = p.parse_args()
    exe = os.path.abspath(args.arenapy)
    results = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="arenapy-profiles-") as tdir:
        profile = os.path.join(tdir, "heap.json")
        for name, cwd, file in programs(args):
            runs = {t: [] for t in ["plain"] + TOOLS}
            for _ in range(args.runs):
                for tool in runs:
                    r = run_once(command(exe, tool, file, profile), cwd, args.timeout)
                    plain = runs["plain"][0] if runs["plain"] else r
                    if r.returncode != 0 or r.stdout != plain.stdout:
                        print("%s: the %s run fails or differs from the plain one:\n%s"
                              % (name, tool, r.stderr.decode(errors="replace")[-2000:]),
                              file=sys.stderr)
                        failed = True
                    runs[tool].append(r)
            row = {"program": name}
            for tool in TOOLS:
                for what in ("wall", "cpu"):
                    base = statistics.median(getattr(r, what) for r in runs["plain"])
                    mine = statistics.median(getattr(r, what) for r in runs[tool])
                    row["%s_%s" % (tool, what)] = mine / base
            results.append(row)
            print("done: %s" % name, file=sys.stderr)
    report(results)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 1 if failed else 0


def report(results):
    keys = ["%s_%s" % (t, w) for t in TOOLS for w in ("wall", "cpu")]
    print("Profilers: median time / the plain run's (wall, and CPU of all threads)")
    print("| program | " + " | ".join(k.replace("_", " ") for k in keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for r in results:
        print("| %s | %s |" % (r["program"], " | ".join("%.2f" % r[k] for k in keys)))
    if results:
        means = [geomean([r[k] for r in results]) for k in keys]
        highs = [max(r[k] for r in results) for k in keys]
        print("| **geomean** | %s |" % " | ".join("**%.2f**" % m for m in means))
        print("| max | %s |" % " | ".join("%.2f" % m for m in highs))


if __name__ == "__main__":
    sys.exit(main())
