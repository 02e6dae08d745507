#!/usr/bin/env bash
# Builds Throughline and opens the app on a demo vault of invented young people.
# The demo passphrase is shown on the unlock screen (demo mode only).
set -euo pipefail
cd "$(dirname "$0")"
packaging/setup-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTHROUGHLINE_BUILD_GUI=ON -DTHROUGHLINE_BUILD_TESTS=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target throughline throughline-cli >/dev/null

DEMO_DIR=${THROUGHLINE_DEMO_VAULT:-"${XDG_DATA_HOME:-$HOME/.local/share}/throughline/demo-vault"}
DEMO_PASSPHRASE="demo-passphrase-2026"
if [[ ! -f "$DEMO_DIR/vault.key" ]]; then
  echo "Creating the demo vault in $DEMO_DIR ..."
  mkdir -p "$(dirname "$DEMO_DIR")"
  THROUGHLINE_PASSPHRASE="$DEMO_PASSPHRASE" "$BUILD_DIR/app/cli/throughline-cli" demo --vault "$DEMO_DIR" \
    --seed 7 --young-people 6 --contacts 600 >/dev/null
fi
exec "$BUILD_DIR/app/throughline" --vault "$DEMO_DIR" --demo "$@"
