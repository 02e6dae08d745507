#!/usr/bin/env bash
# Real window test: renders the home screen of a fresh invented vault with the real binary and checks
# the screenshot is not blank. Uses the current DISPLAY, or xvfb-run when there is none.
set -euo pipefail
app=$1 make_vault=$2 png_check=$3 work=$4
source "$(dirname "${BASH_SOURCE[0]}")/../support/passphrase.sh"
rm -rf "$work"
mkdir -p "$work"
printf '%s\n' "$TL_TEST_PASSPHRASE" >"$work/pass"
"$make_vault" "$work/vault" "$work/pass" >/dev/null

run() {
  if [[ -n "${DISPLAY:-}" ]]; then
    "$@"
  else
    xvfb-run -a -s '-screen 0 1280x1000x24' "$@"
  fi
}

run "$app" --vault "$work/vault" --passphrase-file "$work/pass" --screen home --frames 5 \
  --screenshot "$work/home.png"
"$png_check" "$work/home.png" 430 900
run "$app" --vault "$work/vault" --passphrase-file "$work/pass" --screen record --frames 5 --theme dark \
  --size 1100x800 --screenshot "$work/record-wide-dark.png"
"$png_check" "$work/record-wide-dark.png" 1100 800
run "$app" --vault "$work/vault" --passphrase-file "$work/pass" --screen network --frames 5 \
  --screenshot "$work/network-map.png"
"$png_check" "$work/network-map.png" 430 900
run "$app" --vault "$work/vault" --passphrase-file "$work/pass" --screen presentation --frames 5 \
  --size 1280x860 --screenshot "$work/presentation.png"
"$png_check" "$work/presentation.png" 1280 860
# The phase picture's page of presentation mode (--page turns to it).
run "$app" --vault "$work/vault" --passphrase-file "$work/pass" --screen presentation --page 3 --frames 5 \
  --size 1280x860 --screenshot "$work/presentation-phases.png"
"$png_check" "$work/presentation-phases.png" 1280 860
run "$app" --vault "$work/vault" --passphrase-file "$work/pass" --screen sync --frames 5 --theme dark \
  --screenshot "$work/sync.png"
"$png_check" "$work/sync.png" 430 900
# The high-contrast theme, with the keyboard focus moved by Tab (--tab) to show its ring.
run "$app" --vault "$work/vault" --passphrase-file "$work/pass" --screen record --frames 12 \
  --theme high-contrast --tab 3 --screenshot "$work/record-high-contrast.png"
"$png_check" "$work/record-high-contrast.png" 430 900

# --passphrase-file reads like the CLI's: the first line only, a size cap, a warning when others can read it.
printf '%s\n%s\n' "$TL_TEST_PASSPHRASE" "a second line is not part of it" >"$work/pass2"
chmod 644 "$work/pass2"
run "$app" --vault "$work/vault" --passphrase-file "$work/pass2" --screen people --frames 2 \
  --screenshot "$work/people.png" 2>"$work/pass2.err"
grep -q "can be read by other users" "$work/pass2.err" || { echo "expected a permission warning" >&2; exit 1; }
head -c 2000 /dev/zero | tr '\0' 'x' >"$work/pass-long"
chmod 600 "$work/pass-long"
set +e
run "$app" --vault "$work/vault" --passphrase-file "$work/pass-long" --screen people --frames 2 \
  --screenshot "$work/never.png" 2>"$work/pass-long.err"
rc=$?
set -e
if [[ $rc -ne 2 ]] || ! grep -q "too long" "$work/pass-long.err"; then
  echo "expected exit 2 and 'too long' for an oversized passphrase file, got $rc" >&2
  exit 1
fi

# Bad arguments: a clear message and exit code 2.
set +e
"$app" --screen no-such-screen >/dev/null 2>&1
rc=$?
set -e
if [[ $rc -ne 2 ]]; then
  echo "expected exit 2 for an unknown screen, got $rc" >&2
  exit 1
fi
for bad in "--page 0 --screen presentation" "--page x --screen presentation" "--page 2 --screen home"; do
  set +e
  # shellcheck disable=SC2086
  "$app" $bad --frames 1 >/dev/null 2>"$work/bad.err"
  rc=$?
  set -e
  if [[ $rc -ne 2 ]] || ! grep -q -- "--page" "$work/bad.err"; then
    echo "expected exit 2 and a message naming --page for '$bad', got $rc" >&2
    exit 1
  fi
done
for bad in "--theme contrast" "--tab 0" "--tab 5 --frames 4" "--tab many" "--type-into" "--type-into member.name"; do
  set +e
  # shellcheck disable=SC2086
  "$app" --frames 20 $bad >/dev/null 2>"$work/bad.err"
  rc=$?
  set -e
  option=${bad%% *}
  if [[ $rc -ne 2 ]] || ! grep -q -- "$option" "$work/bad.err"; then
    echo "expected exit 2 and a message naming $option for '$bad', got $rc" >&2
    exit 1
  fi
done
# --type-into refuses a field it cannot tap (absent, or below the window) instead of saying "typed".
for field in "no.such.field" "record.words"; do
  set +e
  run "$app" --vault "$work/vault" --passphrase-file "$work/pass" --screen record --frames 40 \
    --type-into "$field" "hello" >"$work/typed.out" 2>"$work/typed.err"
  rc=$?
  set -e
  if [[ $rc -ne 2 ]] || ! grep -q -- "--type-into" "$work/typed.err" || grep -q typed "$work/typed.out"; then
    echo "expected exit 2 and a message naming --type-into for field '$field', got $rc" >&2
    exit 1
  fi
done
echo "window test passed"
