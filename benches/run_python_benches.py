#!/usr/bin/env python3
"""Run the Python benchmark programs of benches/python/ under arenapy and under CPython.

    python3 benches/run_python_benches.py [--runs N] [--allocator NAME | --all-allocators]
                                          [--arenapy PATH] [--python PATH] [PROGRAM ...]

Each program is first run once under both interpreters and its stdout compared (a program
whose output differs, or that fails, is reported and left out of the timings). Then every
program is timed N times (default 5) under each arenapy allocator asked for and under
`python3 -S`, the runs interleaved (program by program, interpreter by interpreter, round
after round) so that drift in the machine's load touches all columns alike. The table gives
the median wall-clock time of each column, the arenapy/python3 ratio (above 1: arenapy is
slower) and the geometric mean of the ratios, as Markdown.

Without python3 (or with --no-python) only arenapy's times are printed. Exit status: 0, or
1 if any program's output differed or a run failed.
"""

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAM_DIR = os.path.join(ROOT, "benches", "python")
ALLOCATORS = ["pymalloc", "system", "mimalloc", "bump", "typed-arena"]


def run_once(cmd, cwd):
    """(seconds, completed process) for one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.perf_counter() - start, proc


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("programs", nargs="*", help="program names (default: all of benches/python)")
    p.add_argument("--runs", type=int, default=5, help="timed runs per column (median taken)")
    p.add_argument("--allocator", default="pymalloc", help="arenapy --allocator (default pymalloc)")
    p.add_argument("--all-allocators", action="store_true", help="one column per allocator")
    p.add_argument("--arenapy", default=os.path.join(ROOT, "target", "release", "arenapy"))
    p.add_argument("--python", default="python3", help="the CPython to compare with")
    p.add_argument("--no-python", action="store_true", help="time arenapy only")
    return p.parse_args()


def main():
    args = parse_args()
    if not os.access(args.arenapy, os.X_OK):
        sys.exit("no arenapy at %s (cargo build --release)" % args.arenapy)
    python = None if args.no_python else shutil.which(args.python)
    allocators = ALLOCATORS if args.all_allocators else [args.allocator]
    names = sorted(f[:-3] for f in os.listdir(PROGRAM_DIR) if f.endswith(".py"))
    if args.programs:
        unknown = [n for n in args.programs if n not in names]
        if unknown:
            sys.exit("unknown program(s): %s (have: %s)" % (", ".join(unknown), ", ".join(names)))
        names = args.programs

    def commands(name):
        script = name + ".py"
        cmds = [("arenapy/" + a, [args.arenapy, "--allocator", a, script]) for a in allocators]
        if python:
            cmds.append(("python3", [python, "-S", script]))
        return cmds

    # 1. Correctness: one run each, outputs compared with python3's (or across allocators).
    failed = False
    good = []
    for name in names:
        outputs = {}
        ok = True
        for label, cmd in commands(name):
            _, proc = run_once(cmd, PROGRAM_DIR)
            if proc.returncode != 0:
                print("%s: %s exited %d\n%s" % (name, label, proc.returncode,
                                                proc.stderr.decode(errors="replace")[-800:]),
                      file=sys.stderr)
                ok = False
            outputs[label] = proc.stdout
        reference = outputs.get("python3", outputs["arenapy/" + allocators[0]])
        for label, out in outputs.items():
            if out != reference:
                print("%s: output of %s differs from %s" % (
                    name, label, "python3" if python else "arenapy/" + allocators[0]),
                    file=sys.stderr)
                ok = False
        if ok:
            good.append(name)
        else:
            failed = True

    # 2. Timings, interleaved.
    times = {name: {label: [] for label, _ in commands(name)} for name in good}
    for _ in range(args.runs):
        for name in good:
            for label, cmd in commands(name):
                secs, proc = run_once(cmd, PROGRAM_DIR)
                if proc.returncode != 0:
                    failed = True
                times[name][label].append(secs)

    # 3. The table.
    labels = ["arenapy/" + a for a in allocators]
    head = ["program"] + ["%s s" % label for label in labels]
    if python:
        head.append("python3 s")
        head += ["ratio" if len(labels) == 1 else "ratio (%s)" % a for a in allocators]
    rows = []
    ratios = {label: [] for label in labels}
    for name in good:
        med = {label: statistics.median(v) for label, v in times[name].items()}
        row = [name] + ["%.3f" % med[label] for label in labels]
        if python:
            row.append("%.3f" % med["python3"])
            for label in labels:
                r = med[label] / med["python3"]
                ratios[label].append(r)
                row.append("%.2f" % r)
        rows.append(row)
    if python and good:
        geo = ["geometric mean"] + [""] * len(labels) + [""]
        for label in labels:
            geo.append("%.2f" % math.exp(sum(map(math.log, ratios[label])) / len(ratios[label])))
        rows.append(geo)
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print("median of %d interleaved runs, wall clock; ratio = arenapy / python3" % args.runs)
    if python:
        ver = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                             stdout=subprocess.PIPE).stdout.decode().strip()
        print("python3: %s (-S); arenapy: %s" % (ver, os.path.relpath(args.arenapy, ROOT)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
