#!/bin/sh
# Runs pyperformance-style benchmark programs under arenapy and under python3 and reports, per
# program, whether stdout and the exit status match.
#
#   sh scripts/pyperformance_check.sh DIR [ARENAPY_ARGS...]
#
# DIR holds the programs (*.py) with a stand-in for the pyperf timing harness, as written by
# `python3 scripts/fetch_pyperformance.py DIR` (its pyperf.py is skipped here). This script
# fetches nothing: the programs are not ours and are not part of the repository. Extra arguments go to arenapy (for example
# `--allocator mimalloc`). ARENAPY (default target/release/arenapy) and PYTHON (default
# python3) choose the two interpreters; TIMEOUT (default 300) bounds each run in seconds.
# Exit status: 0 if every program matched, 1 otherwise.
set -u
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 DIR [ARENAPY_ARGS...]" >&2
    exit 2
fi
dir=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
arenapy=${ARENAPY:-$root/target/release/arenapy}
python=${PYTHON:-python3}
limit=${TIMEOUT:-300}
if [ ! -x "$arenapy" ]; then
    echo "no arenapy binary at $arenapy (cargo build --release)" >&2
    exit 2
fi
if ! command -v "$python" >/dev/null 2>&1; then
    echo "no $python on PATH" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for prog in "$dir"/*.py; do
    [ -e "$prog" ] || continue
    name=$(basename "$prog" .py)
    # The stand-in harness of scripts/fetch_pyperformance.py is a module, not a program.
    [ "$name" = pyperf ] && continue
    (cd "$(dirname "$prog")" && timeout "$limit" "$python" -S "$(basename "$prog")") \
        >"$tmp/py.out" 2>"$tmp/py.err"
    py_rc=$?
    start=$(date +%s.%N)
    (cd "$(dirname "$prog")" && timeout "$limit" "$arenapy" "$@" "$(basename "$prog")") \
        >"$tmp/ap.out" 2>"$tmp/ap.err"
    ap_rc=$?
    end=$(date +%s.%N)
    secs=$(echo "$end - $start" | bc 2>/dev/null || echo "?")
    if [ $ap_rc -eq $py_rc ] && cmp -s "$tmp/py.out" "$tmp/ap.out"; then
        printf '%-20s ok       (exit %d, arenapy %ss)\n' "$name" "$ap_rc" "$secs"
        pass=$((pass + 1))
    else
        printf '%-20s DIFFERS  (exit arenapy %d, python3 %d)\n' "$name" "$ap_rc" "$py_rc"
        diff "$tmp/py.out" "$tmp/ap.out" | head -n 10 | sed 's/^/    /'
        tail -n 5 "$tmp/ap.err" | sed 's/^/    arenapy stderr: /'
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
