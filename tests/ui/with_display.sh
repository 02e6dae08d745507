#!/usr/bin/env bash
# Runs a command on the current DISPLAY, or under xvfb-run when there is none.
set -euo pipefail
if [[ -n "${DISPLAY:-}" ]]; then
  exec "$@"
else
  exec xvfb-run -a -s '-screen 0 1280x1000x24' "$@"
fi
