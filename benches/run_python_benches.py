#!/usr/bin/env python3
"""Run Python benchmark programs under arenapy and under CPython: time and peak RSS.

    python3 benches/run_python_benches.py [--runs N] [--allocator NAME | --all-allocators]
        [--dir DIR ...] [--no-ours] [--clock wall|cpu] [--json FILE] [--gc N]
        [--arenapy PATH] [--python PATH] [--no-python] [PROGRAM ...]

The programs are ours (benches/python/*.py, group "ours") plus those of every `--dir DIR`
(its `bm_*.py` files if it has any, else every `*.py`; group: the directory's name, or
"pyperformance" for a directory written by scripts/fetch_pyperformance.py). Each program runs
with its own directory as the working directory. Each is first run once under every
interpreter and its stdout compared with CPython's (a program whose output differs, or that
fails, is reported on stderr and left out of the table; the exit status is then 1). Then
every program is run N times (default 3) under each arenapy allocator asked for and under
`python3 -S`, interleaved (program by program, interpreter by interpreter, round after round)
so that drift in the machine's load touches all columns alike.

For each column the table gives the median time (wall clock, or user+system CPU time with
`--clock cpu`, which a loaded machine disturbs less) and the median peak RSS (`ru_maxrss`
from `os.wait4`), then per allocator the arenapy/python3 ratios of both (above 1: arenapy is
slower or bigger), and the geometric means of the ratios over all programs and per group.
`--json FILE` writes every run's numbers and the summary. `--gc N` also runs
benches/gc_collect_heap.py with N objects under each interpreter and reports its best timed
`gc.collect()` and peak RSS in a second table (not part of the geometric means).
"""

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAM_DIR = os.path.join(ROOT, "benches", "python")
GC_HEAP = os.path.join(ROOT, "benches", "gc_collect_heap.py")
ALLOCATORS = ["pymalloc", "system", "mimalloc", "bump", "typed-arena"]
STANDIN_MARK = "Written by scripts/fetch_pyperformance.py"


class Run:
    """One finished process: wall and CPU seconds, peak RSS in MiB, exit code, output."""

    def __init__(self, wall, cpu, rss_mib, returncode, stdout, stderr):
        self.wall = wall
        self.cpu = cpu
        self.rss = rss_mib
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def run_once(cmd, cwd, timeout):
    """Run `cmd` in `cwd`; its resource usage comes from `os.wait4` (this child only).

    The output goes to temporary files so that nothing reaps the child before `os.wait4`
    (`Popen.communicate` would); a timer kills it after `timeout` seconds.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, usage.ru_maxrss / 1024.0, proc.returncode, stdout, stderr)


def run_fields(cmd, timeout=7200):
    """Run `cmd` (exiting with its error if it fails); gives the "key value" pairs it printed
    and the finished run (`run_once`'s), for benchmark programs that print their figures."""
    r = run_once(cmd, None, timeout)
    if r.returncode != 0:
        sys.exit("%s failed (status %s):\n%s" % (" ".join(cmd), r.returncode,
                                                 r.stderr.decode(errors="replace")))
    fields = r.stdout.decode().split()
    return dict(zip(fields[0::2], fields[1::2])), r


def geomean(values):
    """Geometric mean of positive numbers (None for none).

    >>> round(geomean([1.0, 4.0]), 6), geomean([])
    (2.0, None)
    """
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def dir_programs(path):
    """(group, [(name, directory, file)]) of a --dir: its bm_*.py files, else every *.py."""
    path = os.path.abspath(path)
    files = sorted(f for f in os.listdir(path) if f.endswith(".py"))
    bench = [f for f in files if f.startswith("bm_")]
    if bench:
        files = bench
    group = os.path.basename(path.rstrip(os.sep)) or path
    standin = os.path.join(path, "pyperf.py")
    if os.path.exists(standin):
        with open(standin, encoding="utf-8") as f:
            if STANDIN_MARK in f.read():
                group = "pyperformance"
        files = [f for f in files if f != "pyperf.py"]
    return group, [(f[:-3], path, f) for f in files]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("programs", nargs="*", help="program names (default: all)")
    p.add_argument("--runs", type=int, default=3, help="timed runs per column (median taken)")
    p.add_argument("--allocator", default="pymalloc", help="arenapy --allocator (default pymalloc)")
    p.add_argument("--all-allocators", action="store_true", help="one column per allocator")
    p.add_argument("--dir", action="append", default=[], metavar="DIR",
                   help="also run the programs of DIR (repeatable)")
    p.add_argument("--no-ours", action="store_true", help="leave out benches/python")
    p.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                   help="time to compare: wall clock or user+system CPU time")
    p.add_argument("--json", metavar="FILE", help="write the runs and summary as JSON")
    p.add_argument("--gc", type=int, metavar="N",
                   help="also time gc.collect() over N objects (benches/gc_collect_heap.py)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per run")
    p.add_argument("--arenapy", default=os.path.join(ROOT, "target", "release", "arenapy"))
    p.add_argument("--python", default="python3", help="the CPython to compare with")
    p.add_argument("--no-python", action="store_true", help="time arenapy only")
    return p.parse_args()


def collect_programs(args):
    """[(group, name, directory, file)] to run, in table order."""
    progs = []
    if not args.no_ours:
        for f in sorted(os.listdir(PROGRAM_DIR)):
            if f.endswith(".py"):
                progs.append(("ours", f[:-3], PROGRAM_DIR, f))
    for d in args.dir:
        if not os.path.isdir(d):
            sys.exit("--dir %s: not a directory" % d)
        group, found = dir_programs(d)
        progs += [(group, n, path, f) for n, path, f in found]
    names = [p[1] for p in progs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        sys.exit("program names found twice: %s" % ", ".join(dupes))
    if args.programs:
        unknown = [n for n in args.programs if n not in names]
        if unknown:
            sys.exit("unknown program(s): %s (have: %s)" % (", ".join(unknown), ", ".join(names)))
        progs = [p for p in progs if p[1] in args.programs]
    return progs


def markdown(head, rows):
    """A Markdown table: first column left-aligned, the others right-aligned."""
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def fmt(value, spec):
    return "" if value is None else spec % value


def gc_table(args, python, allocators):
    """Run the gc_collect heap program once per interpreter; (markdown, json rows)."""
    n = args.gc
    repeat = "3" if n >= 10**7 else "7"
    cmds = [("arenapy/" + a, [args.arenapy, "--allocator", a, GC_HEAP, str(n), repeat])
            for a in allocators]
    if python:
        cmds.append(("python3", [python, "-S", GC_HEAP, str(n), repeat]))
    results = {}
    for label, cmd in cmds:
        r = run_once(cmd, os.path.dirname(GC_HEAP), args.timeout)
        if r.returncode != 0:
            print("gc_collect: %s exited %d" % (label, r.returncode), file=sys.stderr)
            continue
        fields = r.stdout.decode().split()
        values = dict(zip(fields[0::2], fields[1::2]))
        results[label] = {"collect_best": float(values["collect-best"]),
                          "build": float(values["build"]), "rss_mib": r.rss}
    head = ["interpreter", "collect s (best)", "build s", "peak RSS MiB", "collect ratio",
            "RSS ratio"]
    rows = []
    ref = results.get("python3")
    for label, v in results.items():
        rows.append([label, "%.4f" % v["collect_best"], "%.2f" % v["build"],
                     "%.0f" % v["rss_mib"],
                     fmt(ref and v["collect_best"] / ref["collect_best"], "%.2f"),
                     fmt(ref and v["rss_mib"] / ref["rss_mib"], "%.2f")])
    text = "gc_collect: full collections over %d objects (benches/gc_collect_heap.py)\n\n" % n
    return text + markdown(head, rows), results


def main():
    args = parse_args()
    if args.runs < 1:
        sys.exit("--runs must be at least 1")
    if not os.access(args.arenapy, os.X_OK):
        sys.exit("no arenapy at %s (cargo build --release)" % args.arenapy)
    python = None if args.no_python else shutil.which(args.python)
    allocators = ALLOCATORS if args.all_allocators else [args.allocator]
    labels = ["arenapy/" + a for a in allocators]
    progs = collect_programs(args)

    def commands(prog):
        _, _, _, script = prog
        cmds = [("arenapy/" + a, [args.arenapy, "--allocator", a, script]) for a in allocators]
        if python:
            cmds.append(("python3", [python, "-S", script]))
        return cmds

    # 1. Correctness: one run each, outputs compared with python3's (or across allocators).
    failed = False
    good = []
    for prog in progs:
        name, cwd = prog[1], prog[2]
        outputs = {}
        ok = True
        for label, cmd in commands(prog):
            r = run_once(cmd, cwd, args.timeout)
            if r.returncode != 0:
                print("%s: %s exited %d\n%s" % (name, label, r.returncode,
                                                r.stderr.decode(errors="replace")[-800:]),
                      file=sys.stderr)
                ok = False
            outputs[label] = r.stdout
        reference = outputs.get("python3", outputs[labels[0]])
        for label, out in outputs.items():
            if out != reference:
                print("%s: output of %s differs from %s" % (
                    name, label, "python3" if python else labels[0]), file=sys.stderr)
                ok = False
        if ok:
            good.append(prog)
        else:
            failed = True

    # 2. Timed runs, interleaved.
    runs = {prog[1]: {label: [] for label, _ in commands(prog)} for prog in good}
    for _ in range(args.runs):
        for prog in good:
            for label, cmd in commands(prog):
                r = run_once(cmd, prog[2], args.timeout)
                if r.returncode != 0:
                    print("%s: %s exited %d in a timed run" % (prog[1], label, r.returncode),
                          file=sys.stderr)
                    failed = True
                runs[prog[1]][label].append({"wall": r.wall, "cpu": r.cpu, "rss_mib": r.rss})

    # 3. Medians, ratios, geometric means.
    clock = args.clock
    columns = labels + (["python3"] if python else [])
    groups = []
    for prog in good:
        if prog[0] not in groups:
            groups.append(prog[0])
    summary = {}
    time_ratios = {label: {} for label in labels}
    rss_ratios = {label: {} for label in labels}
    rows = []
    for group, name, _, _ in good:
        med = {}
        for label in columns:
            samples = runs[name][label]
            med[label] = (statistics.median(s[clock] for s in samples),
                          statistics.median(s["rss_mib"] for s in samples))
        row = [name]
        for label in columns:
            row += ["%.3f" % med[label][0], "%.0f" % med[label][1]]
        entry = {"group": group, "median": {lab: {"time": t, "rss_mib": m}
                                            for lab, (t, m) in med.items()}}
        if python:
            entry["ratio"] = {}
            for label in labels:
                tr = med[label][0] / med["python3"][0]
                mr = med[label][1] / med["python3"][1]
                time_ratios[label][name] = (group, tr)
                rss_ratios[label][name] = (group, mr)
                entry["ratio"][label] = {"time": tr, "rss": mr}
                row += ["%.2f" % tr, "%.2f" % mr]
        summary[name] = entry
        rows.append(row)

    head = ["program"]
    for label in columns:
        head += ["%s s" % label, "%s MiB" % label]
    if python:
        for a in allocators:
            suffix = "" if len(allocators) == 1 else " (%s)" % a
            head += ["time ratio" + suffix, "RSS ratio" + suffix]
    geo = {}
    if python and good:
        for scope in ["all"] + (groups if len(groups) > 1 else []):
            row = ["geometric mean (%s)" % scope] + [""] * (2 * len(columns))
            geo[scope] = {}
            for label in labels:
                pick = [v for g, v in time_ratios[label].values() if scope in ("all", g)]
                pick_rss = [v for g, v in rss_ratios[label].values() if scope in ("all", g)]
                gt, gm = geomean(pick), geomean(pick_rss)
                geo[scope][label] = {"time": gt, "rss": gm, "worst_time": max(pick)}
                row += [fmt(gt, "%.2f"), fmt(gm, "%.2f")]
            rows.append(row)
    print(markdown(head, rows))
    print()
    print("median of %d interleaved runs, %s; ratio = arenapy / python3; RSS = peak "
          "(ru_maxrss)" % (args.runs, "wall clock" if clock == "wall" else "user+sys CPU"))
    version = None
    if python:
        version = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                                 stdout=subprocess.PIPE).stdout.decode().strip()
        print("python3: %s (-S); arenapy: %s" % (version, args.arenapy))
        for label in labels:
            if time_ratios[label]:
                name, (_, worst) = max(time_ratios[label].items(), key=lambda kv: kv[1][1])
                print("%s: worst time ratio %.2f (%s)" % (label, worst, name))

    gc_results = None
    if args.gc:
        text, gc_results = gc_table(args, python, allocators)
        print()
        print(text)

    if args.json:
        doc = {"clock": clock, "runs": args.runs, "arenapy": args.arenapy,
               "python": python, "python_version": version, "allocators": allocators,
               "programs": summary, "samples": runs, "geomean": geo,
               "failed": failed, "gc_collect": gc_results}
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=1, sort_keys=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
