#!/usr/bin/env bash
# Builds Throughline and runs the whole test suite, headless.
# Installs missing Debian packages and starts Xvfb itself when there is no display.
set -euo pipefail
cd "$(dirname "$0")"
packaging/setup-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTHROUGHLINE_BUILD_GUI=ON -DTHROUGHLINE_BUILD_TESTS=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" 2>&1 | grep -E "error|warning: unused|Error" || true
cmake --build "$BUILD_DIR" -j"$(nproc)" >/dev/null   # fails loudly if the build is broken

xvfb_pid=""
cleanup() { [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT
if [[ -z "${DISPLAY:-}" ]]; then
  fifo=$(mktemp -u); mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
  xvfb_pid=$!
  read -r display_number <"$fifo"; rm -f "$fifo"
  export DISPLAY=":$display_number"
  echo "Started Xvfb on $DISPLAY"
fi

cd "$BUILD_DIR"
log=$(mktemp)
set +e
ctest --output-on-failure -j2 --timeout 900 -LE long 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# End with the runner's summary as one plain line: "N passed, N failed".
summary=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$log" | tail -1)
if [[ $summary =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
  failed=${BASH_REMATCH[1]}; total=${BASH_REMATCH[2]}
  echo "$((total - failed)) passed, $failed failed"
else
  echo "0 passed, 1 failed (ctest did not run)"
  status=1
fi
rm -f "$log"
exit "$status"
