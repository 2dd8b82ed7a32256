#!/usr/bin/env bash
# Renders the HTML report of `arenapy compare` in headless Chromium and checks that the
# screenshot shows the chart (the curves' colours are present in quantity).
#
#   scripts/check_html_report.sh [REPORT.html] [SCREENSHOT.png]
#
# Without REPORT.html it builds arenapy (release) and makes a report of examples/heap_demo.py
# with every strategy. Installs Debian's `chromium` with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-target/report/heap_demo.html}
shot=${2:-target/report/heap_demo.png}
mkdir -p "$(dirname "$report")" "$(dirname "$shot")"

if [ $# -lt 1 ]; then
    cargo build --release --quiet
    target/release/arenapy compare -q --repeat 1 --html "$report" examples/heap_demo.py >/dev/null
fi

if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium (apt-get)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
fi

rm -f "$shot"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --hide-scrollbars --window-size=1100,1000 --screenshot="$(realpath -m "$shot")" \
    "file://$(realpath "$report")" >/dev/null 2>&1 || true
[ -s "$shot" ] || { echo "FAIL: chromium wrote no screenshot" >&2; exit 1; }

python3 scripts/check_screenshot.py "$shot"
