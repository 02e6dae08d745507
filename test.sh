#!/usr/bin/env bash
# Builds Throughline and runs the whole test suite, headless.
# Installs missing Debian packages and starts Xvfb itself when there is no display.
set -euo pipefail
cd "$(dirname "$0")"
packaging/setup-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
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
ctest --output-on-failure -j2 --timeout 900
