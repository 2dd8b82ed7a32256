#!/usr/bin/env python3
"""Fetch 13 classic pyperformance programs and a stand-in `pyperf` module into a directory.

    python3 scripts/fetch_pyperformance.py DEST [--cache DIR] [--loops-scale X]

Downloads the pyperformance wheel (`pip download pyperformance==VERSION --no-deps`) into a
cache directory (default `target/pyperformance-cache/`; an existing wheel there is reused, so
only the first run needs the network), checks its SHA-256, and extracts the 13 programs'
`run_benchmark.py` into `DEST/bm_NAME.py` byte for byte. The programs are not ours and are
never committed; their pyperf harness is replaced, not edited: the script also writes
`DEST/pyperf.py`, a small module of our own that offers the part of pyperf's API the programs
use (`Runner` with `metadata`, `argparser.add_argument`, `parse_args`, `bench_func`,
`bench_time_func`; `perf_counter`). The stand-in calls each benchmark function a fixed
number of times (the LOOPS table below, sized so that `python3 -S` takes roughly 0.5-2 s per
program on the 2-core development machine; `PYPERF_LOOPS=N` overrides it) and prints lines
that check the run: the benchmark's name and loop count, and for a benchmark function whose
result is a plain value (or has its own `__repr__`), a digest of that value's repr.

Run the programs from inside DEST (`cd DEST && python3 -S bm_richards.py`), or give DEST to
`benches/run_python_benches.py --dir DEST`. Needs only python3 and pip.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERSION = "1.14.0"
WHEEL = "pyperformance-%s-py3-none-any.whl" % VERSION
WHEEL_SHA256 = "94068ac2935b6952ccb5e8a302eb9cebc26e82454494bef6e53822738adf0049"
MEMBER = "pyperformance/data-files/benchmarks/bm_%s/run_benchmark.py"

# Loops per program: how many times the stand-in runs each benchmark function (a time
# function gets it as its `loops` argument). Sized for 0.5-2 s under `python3 -S` 3.11.
LOOPS = {
    "chaos": 5,
    "deltablue": 100,
    "fannkuch": 2,
    "float": 5,
    "generators": 5,
    "go": 3,
    "hexiom": 50,
    "nbody": 4,
    "nqueens": 4,
    "raytrace": 2,
    "richards": 7,
    "spectral_norm": 4,
    "unpack_sequence": 40000,
}

STANDIN = '''\
"""Stand-in for the parts of pyperf the fetched benchmark programs use.

Written by scripts/fetch_pyperformance.py (arenapy); not pyperf. Each benchmark function runs
a fixed number of times (PYPERF_LOOPS overrides the table) and the run prints the benchmark's
name and loop count, then a digest of the function's result when that result is a plain
value (or has its own __repr__), so that two interpreters' outputs can be compared.
"""

import os
import time

perf_counter = time.perf_counter

LOOPS = %(loops)r


def _loops(name):
    env = os.environ.get("PYPERF_LOOPS")
    if env:
        return int(env)
    return LOOPS.get(name, 1)


def _digest(text):
    """FNV-1a (32 bits) of a string's code points, as 8 hex digits."""
    h = 0x811C9DC5
    for ch in text:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return "%%08x" %% h


def _printable(value):
    """True when repr(value) says nothing about addresses."""
    if value is None or isinstance(value, (bool, int, float, str, bytes, tuple, list, dict)):
        return True
    return type(value).__repr__ is not object.__repr__


class _Namespace:
    pass


class _ArgParser:
    """Records each option's default value; the command line is not read."""

    def __init__(self):
        self.defaults = {}

    def add_argument(self, *names, **options):
        dest = options.get("dest")
        if dest is None:
            longs = [n for n in names if n.startswith("--")]
            dest = (longs[0][2:] if longs else names[0].lstrip("-")).replace("-", "_")
        action = options.get("action")
        implied = {"store_true": False, "store_false": True}.get(action)
        self.defaults[dest] = options.get("default", implied)


class Runner:
    """Runs benchmark functions directly: no worker processes, no calibration."""

    def __init__(self, *args, **kwargs):
        self.metadata = {}
        self.argparser = _ArgParser()
        self.args = None

    def parse_args(self, args=None):
        ns = _Namespace()
        for dest, value in self.argparser.defaults.items():
            setattr(ns, dest, value)
        self.args = ns
        return ns

    def bench_func(self, name, func, *args, **kwargs):
        loops = _loops(name)
        result = None
        for _ in range(loops):
            result = func(*args)
        print("%%s: %%d loops" %% (name, loops))
        if result is not None and _printable(result):
            print("%%s: result %%s" %% (name, _digest(repr(result))))
        return result

    def bench_time_func(self, name, func, *args, **kwargs):
        loops = _loops(name)
        func(loops, *args)
        print("%%s: %%d loops" %% (name, loops))
'''


def fetch_wheel(cache):
    """Path of the wheel in `cache`, downloading it with pip when absent."""
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, WHEEL)
    if not os.path.exists(path):
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "-d", cache, "pyperformance==%s" % VERSION]
        print("+ " + " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit("%s: SHA-256 %s, expected %s (delete it to fetch again)"
                 % (path, digest, WHEEL_SHA256))
    return path


def standin_source(loops):
    """The text of the stand-in pyperf.py for a loops table.

    >>> src = standin_source({"richards": 3})
    >>> ns = {}
    >>> exec(compile(src, "pyperf.py", "exec"), ns)
    >>> ns["LOOPS"], ns["_digest"]("")
    ({'richards': 3}, '811c9dc5')
    >>> r = ns["Runner"]()
    >>> r.argparser.add_argument("--rng-seed", type=int, default=1234)
    >>> r.argparser.add_argument("benchmark", nargs="?")
    >>> a = r.parse_args()
    >>> a.rng_seed, a.benchmark
    (1234, None)
    >>> r.bench_func("richards", lambda x: x + 1, 41)
    richards: 3 loops
    richards: result 87e38583
    42
    """
    return STANDIN % {"loops": dict(sorted(loops.items()))}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dest", help="directory to write bm_NAME.py and pyperf.py into")
    p.add_argument("--cache", default=os.path.join(ROOT, "target", "pyperformance-cache"),
                   help="where the wheel is downloaded (reused when present)")
    p.add_argument("--loops-scale", type=float, default=1.0,
                   help="multiply every loop count (at least 1 loop each)")
    args = p.parse_args()
    wheel = fetch_wheel(os.path.abspath(args.cache))
    os.makedirs(args.dest, exist_ok=True)
    with zipfile.ZipFile(wheel) as z:
        for name in sorted(LOOPS):
            data = z.read(MEMBER % name)
            with open(os.path.join(args.dest, "bm_%s.py" % name), "wb") as f:
                f.write(data)
    loops = {k: max(1, round(v * args.loops_scale)) for k, v in LOOPS.items()}
    with open(os.path.join(args.dest, "pyperf.py"), "w") as f:
        f.write(standin_source(loops))
    print("wrote %d programs and pyperf.py into %s" % (len(LOOPS), args.dest))


if __name__ == "__main__":
    main()
