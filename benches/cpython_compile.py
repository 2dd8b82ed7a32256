#!/usr/bin/env python3
"""CPython's own compile() over the files benches/frontend.rs compiles, for comparison.

Every .py file under the stdlib directory (tests included, site-packages excluded), read as
bytes once, then `compile(bytes, path, 'exec')` on each, repeated; prints the best pass
time and the throughput in MB/s of source (the sum of the decoded texts' UTF-8 lengths, as
the Rust bench counts them). Errors (the few intentionally invalid test files) count as
work done, as in the Rust bench.

    python3 benches/cpython_compile.py [--passes 5] [--files N]
"""
import argparse, importlib.util, os, sys, sysconfig, time, warnings

def files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "__pycache__"))
        out.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--files", type=int, default=0)
    ap.add_argument("--stdlib", default=os.environ.get("ARENAPY_STDLIB") or sysconfig.get_paths()["stdlib"])
    a = ap.parse_args()
    paths = files(a.stdlib)
    if a.files:
        paths = paths[: a.files]
    sources, nbytes = [], 0
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        try:
            nbytes += len(importlib.util.decode_source(data).encode("utf-8", "surrogatepass"))
        except Exception:
            nbytes += len(data)
        sources.append((p, data))
    warnings.simplefilter("ignore")
    best = None
    for _ in range(a.passes):
        t0 = time.perf_counter()
        for p, data in sources:
            try:
                compile(data, p, "exec", dont_inherit=True)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                pass
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    print(f"cpython {sys.version.split()[0]} compile(): {len(sources)} files, "
          f"{nbytes / 1e6:.1f} MB, best of {a.passes} passes {best:.3f} s, "
          f"{nbytes / 1e6 / best:.1f} MB/s")

if __name__ == "__main__":
    main()
