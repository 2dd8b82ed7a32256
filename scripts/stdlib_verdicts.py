#!/usr/bin/env python3
"""Compare arenapy's compile verdicts with CPython's over the installed standard library.

For every .py file under CPython's stdlib directory (sysconfig's 'stdlib' path, tests
included, site-packages excluded: it is third-party code), CPython's verdict is whether
`compile(bytes, path, 'exec')` succeeds on the file's bytes; arenapy's is what
`arenapy -m _verdicts FILE...` prints (ok / error). Prints the share of files whose
verdicts agree and lists the disagreements.

    python3 scripts/stdlib_verdicts.py [--arenapy target/debug/arenapy] [--min 99.5]
        [--limit N] [--show N] [--messages]

Exit status: 0, or 1 when the agreement is below --min.
"""

import argparse
import concurrent.futures
import os
import subprocess
import sys
import sysconfig
import warnings


def stdlib_files(root):
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "__pycache__"))
        if os.path.relpath(dirpath, root) == "site-packages":
            continue
        files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return files


def cpython_verdict(path):
    with open(path, "rb") as f:
        data = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(data, path, "exec", dont_inherit=True)
            return ("ok", "")
        except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError) as e:
            return ("error", f"{type(e).__name__}: {getattr(e, 'msg', e)}")


def arenapy_verdicts(binary, chunk):
    proc = subprocess.run(
        [binary, "-m", "_verdicts", *chunk], capture_output=True, text=True, errors="replace"
    )
    verdicts = {}
    for line in proc.stdout.splitlines():
        parts = line.split("\t", 2)
        if len(parts) >= 2:
            verdicts[parts[1]] = (parts[0], parts[2] if len(parts) > 2 else "")
    for path in chunk:
        # A crash (panic, abort) gives no line for the files left in the chunk: retry them
        # one at a time so one bad file does not cost the others their verdict.
        if path not in verdicts:
            if len(chunk) == 1:
                verdicts[path] = ("crash", f"exit status {proc.returncode}: {proc.stderr[-200:]}")
            else:
                verdicts.update(arenapy_verdicts(binary, [path]))
    return verdicts


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_bin = os.path.join(here, "..", "target", "release", "arenapy")
    if not os.path.exists(default_bin):
        default_bin = os.path.join(here, "..", "target", "debug", "arenapy")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--arenapy", default=default_bin, help="the arenapy binary")
    ap.add_argument("--stdlib", default=sysconfig.get_paths()["stdlib"])
    ap.add_argument("--min", type=float, default=0.0, help="fail below this agreement (%%)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--show", type=int, default=40, help="list at most N disagreements")
    ap.add_argument("--messages", action="store_true",
                    help="also count files where both fail with different messages")
    args = ap.parse_args()

    files = stdlib_files(args.stdlib)
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no .py files under {args.stdlib}", file=sys.stderr)
        return 0
    theirs = {p: cpython_verdict(p) for p in files}
    chunks = [files[i : i + 100] for i in range(0, len(files), 100)]
    ours = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for result in pool.map(lambda c: arenapy_verdicts(args.arenapy, c), chunks):
            ours.update(result)

    same = [p for p in files if ours[p][0] == theirs[p][0]]
    differ = [p for p in files if ours[p][0] != theirs[p][0]]
    pct = 100.0 * len(same) / len(files)
    root = args.stdlib.rstrip("/") + "/"
    for p in differ[: args.show]:
        print(f"DIFFER {p.removeprefix(root)}: cpython {theirs[p]} arenapy {ours[p]}")
    if args.messages:
        both = [p for p in files if theirs[p][0] == ours[p][0] == "error"]
        msg_differ = [p for p in both if theirs[p][1] != ours[p][1]]
        for p in msg_differ[: args.show]:
            print(f"MESSAGE {p.removeprefix(root)}: cpython {theirs[p][1]!r} arenapy {ours[p][1]!r}")
        print(f"both rejected: {len(both)}, same message: {len(both) - len(msg_differ)}")
    rejected = sum(1 for p in files if theirs[p][0] == "error")
    print(
        f"{len(same)}/{len(files)} files ({pct:.2f}%) get the same verdict "
        f"(CPython rejects {rejected}; {len(differ)} differ)"
    )
    return 1 if pct < args.min else 0


if __name__ == "__main__":
    sys.exit(main())
