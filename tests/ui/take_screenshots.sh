#!/usr/bin/env bash
# Renders every screen of a demo vault to PNGs (light and dark, narrow and wide) for review.
#   tests/ui/take_screenshots.sh BUILD_DIR OUT_DIR
# Uses the current DISPLAY, or xvfb-run when there is none. All data is invented.
set -euo pipefail
build=${1:-build}
out=${2:-screenshots}
app="$build/app/throughline"
cli="$build/app/cli/throughline-cli"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/../support/passphrase.sh"
pass=$TL_TEST_PASSPHRASE
printf '%s\n' "$pass" >"$work/pass"
if [[ -x "$cli" ]]; then
  THROUGHLINE_PASSPHRASE="$pass" "$cli" demo --vault "$work/vault" --seed 7 --young-people 6 --contacts 600 >/dev/null
else
  "$build/tests_ui/ui_make_vault" "$work/vault" "$work/pass" --demo 5 >/dev/null
fi
run() {
  if [[ -n "${DISPLAY:-}" ]]; then "$@"; else xvfb-run -a -s '-screen 0 1400x1000x24' "$@"; fi
}
screens=(unlock recovery people home record contact-detail network member-editor placement-editor
         missing-episode person-editor settings phase-picture)
for theme in light dark; do
  for size in 430x900 1280x860; do
    for s in "${screens[@]}"; do
      extra=(--passphrase-file "$work/pass")
      [[ $s == unlock || $s == recovery ]] && extra=(--demo)
      run "$app" --vault "$work/vault" "${extra[@]}" --screen "$s" --frames 4 --theme "$theme" --size "$size" \
        --screenshot "$out/$s-$theme-$size.png"
    done
  done
done
# The sync screens, on two vaults that know each other (contacts, conflicts, a received summary); the file
# chooser opens in a made-up home folder.
sync_maker="$build/tests/ui/ui_make_sync_vaults"
if [[ -x "$sync_maker" ]]; then
  "$sync_maker" "$work/sync" >/dev/null
  mkdir -p "$work/sync/home/Documents/Handover files"
  cp "$work/sync/files/"*.tlcard "$work/sync/home/Documents/"
  for theme in light dark; do
    for size in 430x900 1280x860; do
      for s in sync sync-contact conflicts file-chooser; do
        HOME="$work/sync/home" run "$app" --vault "$work/sync/a" --passphrase-file "$work/sync/pass" --screen "$s" \
          --frames 4 --theme "$theme" --size "$size" --screenshot "$out/$s-$theme-$size.png"
      done
    done
  done
fi
run "$app" --vault "$work/new-vault" --screen create --frames 4 --screenshot "$out/create-light-430x900.png"
echo "Screenshots in $out"
