#!/bin/sh
# Front-end throughput, arenapy against CPython, over the same standard-library files in
# one run: criterion's `frontend` bench (tokenize + parse + symtable + codegen), then
# CPython's compile() on the same files. Figures go in benches/README.md.
#
#   sh benches/frontend_vs_cpython.sh
set -e
cd "$(dirname "$0")/.."
cargo bench --bench frontend -- --noplot 2>&1 | grep -E "frontend bench|compile_stdlib|time:|thrpt:"
python3 benches/cpython_compile.py --passes 5
