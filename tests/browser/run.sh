#!/usr/bin/env bash
# ctest entry for the browser check of the HTML summary: writes the fixed scenario with handover_sample, then
# runs check_summary.js in Debian's Chromium. Exits 77 (ctest: skipped) with the reason when node, Chromium
# or the pinned npm packages are missing (packaging/setup-deps.sh installs all three).
#   run.sh HANDOVER_SAMPLE OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sample=$1 out=$2
chromium=${THROUGHLINE_CHROMIUM:-/usr/bin/chromium}
skip() { echo "SKIPPED: $*"; exit 77; }
command -v node >/dev/null || skip "node is not installed (packaging/setup-deps.sh installs nodejs and npm)"
[[ -x $chromium ]] || skip "Chromium is not installed at $chromium (packaging/setup-deps.sh installs chromium)"
[[ -d $here/node_modules/puppeteer-core && -d $here/node_modules/axe-core ]] ||
  skip "tests/browser/node_modules is missing: run 'npm ci' in tests/browser (packaging/setup-deps.sh does)"
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || skip "pdftotext/pdfinfo (poppler-utils) missing"
rm -rf "$out"
mkdir -p "$out"
"$sample" "$out"
exec node "$here/check_summary.js" "$out/summary.html" "$out"
