#!/usr/bin/env python3
"""Runs CPython 3.11's own regression tests (Lib/test/test_*.py) under arenapy.

Each module runs in its own arenapy process through CPython's `unittest`, as

    arenapy -c DRIVER test.test_X

and the table gives, per module: tests run, passed, failed, errored, skipped, and whether the
module crashed (no result: a signal, a panic, an import error before any test, a timeout).
The last line is `N passed, M failed` over the individual tests (a crashed module counts as one
failure). The exit status is 0 only when nothing failed.

    python3 scripts/cpython_tests.py [--arenapy PATH] [--list full|short] [--jobs N]
                                     [--timeout S] [--verbose] [test_X ...]

The standard library (and its `test` package) is the one arenapy itself finds (ARENAPY_STDLIB,
else python3.11's); on Debian and Ubuntu the tests come with `libpython3.11-testsuite`.

Tests that need a CPython-only detail (`_testcapi`, exact `sys.getrefcount` values, C
extensions) are skipped through SKIPS below, each with its reason.
"""

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The modules of the list: language core, data structures, the library the product
# stands on, and the memory-management home ground (gc, weakref, finalization, tracemalloc).
FULL = """
test_bisect test_heapq test_textwrap test_string test_int test_float test_list test_tuple
test_dict test_set test_bool test_range test_slice test_enumerate test_sort test_augassign
test_unary test_binop test_compare test_contains test_pow test_genexps test_generators
test_with test_scope test_class test_descr test_super test_exceptions test_raise
test_keywordonlyarg test_positional_only_arg test_unpack test_dictviews test_collections
test_functools test_itertools test_operator test_copy test_json test_re test_struct
test_dataclasses test_typing test_enum test_contextlib test_weakref test_weakset
test_finalization test_gc test_tracemalloc test_math test_statistics test_fractions
test_decimal test_datetime test_os test_io
""".split()

# Modules that pass completely today: run by the test suite (tests/cpython_tests.rs).
SHORT = """
test_textwrap test_augassign test_unary test_pow test_keywordonlyarg test_unpack test_dictviews
test_bisect test_heapq test_bool test_compare test_contains test_with test_super
test_positional_only_arg test_binop test_class test_sort test_slice test_range test_string
test_genexps test_json
""".split()

# Individual tests skipped, by module: test id suffix -> why arenapy cannot run it.
WHY_SIGALRM = (
    "needs a thread, which it starts with SIGALRM blocked: when the thread cannot start, "
    "the signal stays blocked for the rest of the run and the later alarm-driven tests "
    "(test_reentrant_write_*) wait for ever"
)
SKIPS = {
    "test_io": {
        f"{cls}.test_interrupted_write_{kind}": WHY_SIGALRM
        for cls in ("CSignalsTest", "PySignalsTest")
        for kind in ("buffered", "text", "unbuffered")
    },
}

# Modules whose tests are loaded from another module, with the reason.
SUBSTITUTES = {
    # test_datetime runs datetimetester twice: with the pure-Python datetime ("_Pure") and
    # with the C accelerator `_datetime` ("_Fast"); its load_tests fails as a whole when
    # `_datetime` does not import. arenapy has no `_datetime` (datetime.py's own pure-Python
    # implementation is what runs), so the pure-Python half runs alone.
    "test_datetime": "test.datetimetester",
}

# Runs one test module with unittest and prints a JSON summary line at the end.
DRIVER = r"""
import sys, json, unittest
name, skips, verbose = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3] == "1"
loader = unittest.TestLoader()
suite = loader.loadTestsFromName(name)

def prune(s):
    out = unittest.TestSuite()
    for t in s:
        if isinstance(t, unittest.TestSuite):
            out.addTest(prune(t))
            continue
        tid = t.id()
        why = next((r for k, r in skips.items() if tid.endswith(k)), None)
        if why is not None:
            setattr(t, t._testMethodName, unittest.skip("arenapy: " + why)(lambda *a: None))
        out.addTest(t)
    return out

suite = prune(suite)
result = unittest.TextTestRunner(stream=sys.stderr, verbosity=2 if verbose else 1).run(suite)
print("@@RESULT " + json.dumps({
    "run": result.testsRun,
    "failures": len(result.failures),
    "errors": len(result.errors),
    "skipped": len(result.skipped),
    "expected_failures": len(result.expectedFailures),
    "unexpected_successes": len(result.unexpectedSuccesses),
    "failed_ids": [t.id() for t, _ in result.failures + result.errors]
                  + [t.id() for t in result.unexpectedSuccesses],
}))
"""


def run_module(arenapy, name, timeout, verbose):
    """Runs test module `name`; returns its row of the table."""
    skips = SKIPS.get(name, {})
    target = SUBSTITUTES.get(name, "test." + name)
    cmd = [arenapy, "-c", DRIVER, target, json.dumps(skips), "1" if verbose else "0"]
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env,
                           cwd=os.environ.get("TMPDIR", "/tmp"))
        out, err, code = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"), p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        err = (e.stderr or b"").decode(errors="replace") + f"\ntimed out after {timeout} s"
        code = None
    row = {"module": name, "run": 0, "passed": 0, "failed": 0, "errored": 0, "skipped": 0,
           "crashed": False, "why": "", "failed_ids": [], "stderr": err}
    line = next((l for l in reversed(out.splitlines()) if l.startswith("@@RESULT ")), None)
    if line is None:
        row["crashed"] = True
        tail = [l for l in err.strip().splitlines() if l.strip()]
        row["why"] = (tail[-1] if tail else f"exit status {code}")[:160]
        return row
    r = json.loads(line[len("@@RESULT "):])
    row["run"] = r["run"]
    row["failed"] = r["failures"] + r["unexpected_successes"]
    row["errored"] = r["errors"]
    row["skipped"] = r["skipped"]
    # Subtests report one failure each under a single test: a test counts as failed once.
    counted = r["run"] - row["skipped"]
    bad = min(counted, len(set(t.split(" ")[0] for t in r["failed_ids"])))
    row["passed"] = counted - bad
    row["bad"] = bad
    row["failed_ids"] = r["failed_ids"]
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arenapy", default=os.path.join(ROOT, "target", "release", "arenapy"))
    ap.add_argument("--list", choices=["full", "short"], default="full")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--verbose", action="store_true", help="list failing tests and crash output")
    ap.add_argument("--json", help="also write the rows as JSON to this file")
    ap.add_argument("modules", nargs="*")
    a = ap.parse_args()
    a.arenapy = os.path.abspath(a.arenapy)
    names = a.modules or (FULL if a.list == "full" else SHORT)
    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        rows = list(pool.map(lambda n: run_module(a.arenapy, n, a.timeout, a.verbose), names))
    print(f"{'module':32} {'run':>6} {'passed':>7} {'failed':>7} {'errored':>8} {'skipped':>8}  status")
    for r in rows:
        status = "CRASHED: " + r["why"] if r["crashed"] else (
            "ok" if r["failed"] + r["errored"] == 0 else "failures")
        print(f"{r['module']:32} {r['run']:>6} {r['passed']:>7} {r['failed']:>7} "
              f"{r['errored']:>8} {r['skipped']:>8}  {status}")
        if a.verbose:
            for t in r["failed_ids"]:
                print(f"    FAILED {t}")
            if r["crashed"]:
                print("    " + "\n    ".join(r["stderr"].strip().splitlines()[-15:]))
    passed = sum(r["passed"] for r in rows)
    failed = sum(r.get("bad", 0) for r in rows) + sum(r["crashed"] for r in rows)
    run = sum(r["run"] - r["skipped"] for r in rows)
    crashed = [r["module"] for r in rows if r["crashed"]]
    if crashed:
        print(f"crashed modules ({len(crashed)}): {' '.join(crashed)}")
    if run:
        print(f"{100.0 * passed / run:.1f}% of the tests run pass")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
