#!/usr/bin/env python3
"""Instruction counts of three fixed, reduced benchmark runs under callgrind, for one binary.

    python3 scripts/callgrind_counts.py [BINARY ...] [--pyperf-dir DIR] [--allocator NAME]
                                        [--keep DIR] [--json FILE]

For each BINARY (default target/release/arenapy) runs, under `valgrind --tool=callgrind`:

  richards     pyperformance's bm_richards, `Richards().run(1)` (one iteration)
  float        pyperformance's bm_float, `benchmark(20000)` (a fifth of one loop)
  alloc_churn  our benches/python/alloc_churn.py, `main(250, 50, 10000, 10000)`

and prints the instructions executed (`Collected`), one row per program and one column per
binary, plus the ratio of each binary to the first. The count is the same run after run and
does not depend on the machine's load, so it is the number to quote for an optimisation
step's before and after (wall time on a shared machine is not). Each run's stdout is checked
against `python3 -S` running the same driver. The pyperformance programs come from
`--pyperf-dir` (default target/pyperformance, filled by scripts/fetch_pyperformance.py on
first use, which needs the network once). `--keep DIR` keeps the callgrind.out files for
`callgrind_annotate`.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OURS = os.path.join(ROOT, "benches", "python")

# (name, directory key, driver code): the driver imports the program as a module (its
# benchmark does not start on import) and calls it at a reduced size.
PROGRAMS = [
    ("richards", "pyperf", "import bm_richards; print(bm_richards.Richards().run(1))"),
    ("float", "pyperf", "import bm_float; print(bm_float.benchmark(20000))"),
    ("alloc_churn", "ours", "import alloc_churn; alloc_churn.main(250, 50, 10000, 10000)"),
]

COLLECTED = re.compile(rb"Collected\s*:\s*(\d+)")


def parse_collected(stderr):
    """The `Collected : N` count of callgrind's summary.

    >>> parse_collected(b"==1== Events    : Ir\\n==1== Collected : 12345\\n")
    12345
    """
    m = COLLECTED.search(stderr)
    return int(m.group(1)) if m else None


def count(binary, allocator, cwd, code, outfile):
    """(instructions, stdout) of one callgrind run of `binary -c code` in `cwd`."""
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + outfile,
           binary, "--allocator", allocator, "-c", code]
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.exit("%s failed (exit %d):\n%s" % (" ".join(cmd), proc.returncode,
                                               proc.stderr.decode(errors="replace")[-1500:]))
    n = parse_collected(proc.stderr)
    if n is None:
        sys.exit("no 'Collected' line in callgrind's output for %s" % " ".join(cmd))
    return n, proc.stdout


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("binaries", nargs="*",
                   default=[os.path.join(ROOT, "target", "release", "arenapy")])
    p.add_argument("--pyperf-dir", default=os.path.join(ROOT, "target", "pyperformance"))
    p.add_argument("--allocator", default="pymalloc")
    p.add_argument("--python", default="python3", help="CPython for the output check")
    p.add_argument("--keep", metavar="DIR", help="keep the callgrind.out files in DIR")
    p.add_argument("--json", metavar="FILE", help="write the counts as JSON")
    args = p.parse_args()
    if not os.path.exists(os.path.join(args.pyperf_dir, "bm_richards.py")):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "fetch_pyperformance.py"),
                        args.pyperf_dir], check=True)
    dirs = {"pyperf": os.path.abspath(args.pyperf_dir), "ours": OURS}
    keep = args.keep or tempfile.mkdtemp(prefix="callgrind-counts-")
    os.makedirs(keep, exist_ok=True)
    counts = {}
    for name, where, code in PROGRAMS:
        expected = subprocess.run([args.python, "-S", "-c", code], cwd=dirs[where],
                                  stdout=subprocess.PIPE, check=True).stdout
        for i, binary in enumerate(args.binaries):
            out = os.path.join(keep, "callgrind.%s.%d.out" % (name, i))
            # The runs start in the program's folder: a relative binary path is made absolute.
            binary = os.path.abspath(binary) if os.sep in binary else binary
            n, stdout = count(binary, args.allocator, dirs[where], code, out)
            if stdout != expected:
                sys.exit("%s: output of %s differs from %s -S" % (name, binary, args.python))
            counts.setdefault(name, []).append(n)
            print("%s %s: %d" % (name, binary, n), file=sys.stderr, flush=True)
    head = ["program"] + ["%s Ir" % b for b in args.binaries]
    head += ["ratio %d/0" % i for i in range(1, len(args.binaries))]
    print("| " + " | ".join(head) + " |")
    print("|---" + "|---:" * (len(head) - 1) + "|")
    for name, _, _ in PROGRAMS:
        row = counts[name]
        cells = ["{:,}".format(n) for n in row]
        cells += ["%.3f" % (n / row[0]) for n in row[1:]]
        print("| " + " | ".join([name] + cells) + " |")
    print()
    print("instructions (callgrind Collected), --allocator %s; binary 0 = %s"
          % (args.allocator, args.binaries[0]))
    if not args.keep:
        print("callgrind.out files: %s" % keep)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"allocator": args.allocator, "binaries": args.binaries,
                       "counts": counts}, f, indent=1)


if __name__ == "__main__":
    main()
