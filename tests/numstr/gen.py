#!/usr/bin/env python3
"""Records CPython 3.11's answers for tests/numstr: each NAME.in holds one expression a line;
NAME.txt gets `expression ==> repr(value)` (or `!! Type: message`). Run: python3 gen.py"""
import glob
import os
import sys

assert sys.version_info[:2] == (3, 11), "record with CPython 3.11"
os.chdir(os.path.dirname(os.path.abspath(__file__)))
for name in sorted(glob.glob("*.in")):
    out = []
    for line in open(name, encoding="utf-8"):
        expr = line.rstrip("\n")
        if not expr.strip() or expr.startswith("#"):
            continue
        try:
            got = repr(eval(expr, {}))
        except Exception as e:  # noqa: BLE001 - the exception is the answer
            got = f"!! {type(e).__name__}: {e}"
        out.append(f"{expr} ==> {got}")
    with open(name[:-3] + ".txt", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
