#!/usr/bin/env python3
"""Record each benchmark program's heap trace, then replay it on every strategy.

    python3 benches/trace_programs.py [--arenapy PATH] [--runs N] [--repeat N] [--dir DIR ...]
        [--no-ours] [--keep DIR] [--json FILE] [--no-replay] [PROGRAM ...]

For each program (ours in benches/python, plus every `--dir` as benches/run_python_benches.py
finds them) this measures what recording costs and what the trace says about the strategies:

1. the program runs N times (default 3) plainly and N times under `arenapy trace record`,
   interleaved; the ratios of the median wall times and of the median CPU times (user +
   system of every thread, which a loaded machine disturbs less) are the cost of recording
   (the recorder writes the trace on a second thread, so the wall ratio is the lower of the
   two when a second core is free); the trace's size per event comes from the recorder's
   summary line;
2. `arenapy trace replay --json --repeat R` replays the trace on the five strategies (each in a
   fresh process) and gives per strategy the median ns per event, the peak footprint and the
   fragmentation (peak footprint / peak live bytes); the replayed peak live bytes must equal
   the recorded ones, under every strategy (a mismatch is an error).

Tables: recording cost per program with the geometric mean of the ratios; ns/event per
strategy; peak footprint and fragmentation per strategy. Traces are written to a temporary
folder and deleted, unless `--keep DIR`.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_python_benches import ROOT, collect_programs, geomean, run_once  # noqa: E402

STRATEGIES = ["pymalloc", "system", "mimalloc", "bump", "typed-arena"]
SUMMARY = re.compile(
    r"arenapy trace: (\d+) events, (\d+) bytes \(([\d.]+) bytes/event\), peak live bytes (\d+)"
)


def programs(args):
    """[(name, directory, file)] to run (see run_python_benches.collect_programs)."""
    return [p[1:] for p in collect_programs(args)]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("programs", nargs="*")
    p.add_argument("--arenapy", default=os.path.join(ROOT, "target", "release", "arenapy"))
    p.add_argument("--runs", type=int, default=3, help="plain and recorded runs (median)")
    p.add_argument("--repeat", type=int, default=3, help="timed replays per strategy")
    p.add_argument("--dir", action="append", default=[])
    p.add_argument("--no-ours", action="store_true")
    p.add_argument("--keep", metavar="DIR", help="keep the traces in DIR")
    p.add_argument("--json", metavar="FILE")
    p.add_argument("--timeout", type=int, default=900)
    p.add_argument("--no-replay", action="store_true",
                   help="only the recording cost (no replays, no strategy tables)")
    args = p.parse_args()
    exe = os.path.abspath(args.arenapy)
    tdir = args.keep or tempfile.mkdtemp(prefix="arenapy-traces-")
    os.makedirs(tdir, exist_ok=True)
    results = []
    failed = False
    try:
        for name, cwd, file in programs(args):
            trace = os.path.join(tdir, name + ".trace")
            plain, recorded, summary = [], [], None
            plain_wall, recorded_wall = [], []
            for _ in range(args.runs):
                a = run_once([exe, file], cwd, args.timeout)
                b = run_once([exe, "trace", "record", trace, file], cwd, args.timeout)
                if a.returncode != 0 or b.returncode != 0 or a.stdout != b.stdout:
                    print("%s: the plain and recorded runs differ or fail:\n%s"
                          % (name, b.stderr.decode(errors="replace")[-2000:]), file=sys.stderr)
                    failed = True
                    break
                plain.append(a.cpu)
                recorded.append(b.cpu)
                plain_wall.append(a.wall)
                recorded_wall.append(b.wall)
                summary = SUMMARY.search(b.stderr.decode(errors="replace"))
            if not plain or not summary:
                continue
            events, size, peak = (int(summary.group(i)) for i in (1, 2, 4))
            cost = {
                "program": name,
                "events": events,
                "trace_bytes": size,
                "bytes_per_event": size / events if events else 0.0,
                "peak_live_bytes": peak,
                "plain_cpu": statistics.median(plain),
                "recorded_cpu": statistics.median(recorded),
                "ratio": statistics.median(recorded) / statistics.median(plain),
                "plain_wall": statistics.median(plain_wall),
                "recorded_wall": statistics.median(recorded_wall),
                "wall_ratio": statistics.median(recorded_wall) / statistics.median(plain_wall),
            }
            if args.no_replay:
                results.append(cost)
                if not args.keep:
                    os.remove(trace)
                print("done: %s" % name, file=sys.stderr)
                continue
            out = subprocess.run(
                [exe, "trace", "replay", "--json", "--repeat", str(args.repeat), trace],
                capture_output=True, text=True, timeout=args.timeout * 5)
            if out.returncode != 0:
                print("%s: replay failed: %s" % (name, out.stderr.strip()), file=sys.stderr)
                failed = True
                continue
            replay = json.loads(out.stdout)
            by = {s["strategy"]: s for s in replay["strategies"]}
            for s in by.values():
                if s["peak_live_bytes"] != peak:
                    print("%s: %s replayed a peak of %d, recorded %d"
                          % (name, s["strategy"], s["peak_live_bytes"], peak), file=sys.stderr)
                    failed = True
            results.append({
                **cost,
                "strategies": {k: {f: by[k][f] for f in
                                   ("ns_per_event", "peak_footprint", "fragmentation",
                                    "end_footprint", "rss_growth_bytes")} for k in by},
            })
            if not args.keep:
                os.remove(trace)
            print("done: %s" % name, file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(tdir, ignore_errors=True)
    report(results)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 1 if failed else 0


def report(results):
    print("Recording cost (medians of plain vs `arenapy trace record` runs: wall seconds, and"
          " CPU seconds of all threads)")
    print("| program | events | trace MB | bytes/event | plain wall s | recorded wall s"
          " | wall ratio | plain CPU s | recorded CPU s | CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print("| %s | %d | %.1f | %.2f | %.3f | %.3f | %.2f | %.3f | %.3f | %.2f |" % (
            r["program"], r["events"], r["trace_bytes"] / 1e6, r["bytes_per_event"],
            r["plain_wall"], r["recorded_wall"], r["wall_ratio"],
            r["plain_cpu"], r["recorded_cpu"], r["ratio"]))
    if results:
        total_bytes = sum(r["trace_bytes"] for r in results)
        total_events = sum(r["events"] for r in results)
        print("| **all** | %d | %.1f | %.2f | | | geomean %.2f, max %.2f | | | geomean %.2f, max %.2f |" % (
            total_events, total_bytes / 1e6, total_bytes / max(total_events, 1),
            geomean([r["wall_ratio"] for r in results]), max(r["wall_ratio"] for r in results),
            geomean([r["ratio"] for r in results]), max(r["ratio"] for r in results)))
    results = [r for r in results if "strategies" in r]
    if not results:
        return
    print()
    print("Replay: median ns per heap event")
    print("| program | " + " | ".join(STRATEGIES) + " | fastest |")
    print("|---|" + "---:|" * (len(STRATEGIES) + 1))
    for r in results:
        ns = [r["strategies"][s]["ns_per_event"] for s in STRATEGIES]
        best = STRATEGIES[ns.index(min(ns))]
        print("| %s | %s | %s |" % (r["program"], " | ".join("%.1f" % v for v in ns), best))
    print()
    print("Replay: peak footprint MiB (fragmentation = peak footprint / peak live bytes)")
    print("| program | peak live MiB | " + " | ".join(STRATEGIES) + " |")
    print("|---|---:|" + "---:|" * len(STRATEGIES))
    for r in results:
        cells = ["%.1f (%.2f)" % (r["strategies"][s]["peak_footprint"] / 2**20,
                                  r["strategies"][s]["fragmentation"]) for s in STRATEGIES]
        print("| %s | %.1f | %s |" % (r["program"], r["peak_live_bytes"] / 2**20, " | ".join(cells)))


if __name__ == "__main__":
    sys.exit(main())
