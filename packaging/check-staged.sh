#!/usr/bin/env bash
# Checks what `cmake --install` puts on a system, without a package or a chroot (part of ./test.sh, a few
# seconds): installs BUILD_DIR into a staging root as /usr, then checks that every file is where the
# system looks for it, the desktop entry passes desktop-file-validate, the AppStream metadata passes
# `appstreamcli validate-tree --no-net`, the manual pages format without warnings, the completion scripts
# parse, the icons are PNGs of their stated size, both binaries print the project's version, and no binary
# carries a run path back into the build.
#
#   packaging/check-staged.sh BUILD_DIR VERSION
set -euo pipefail
build=${1:?usage: check-staged.sh BUILD_DIR VERSION}
version=${2:?usage: check-staged.sh BUILD_DIR VERSION}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

DESTDIR="$stage" cmake --install "$build" --prefix /usr >"$stage.log" 2>&1 || { cat "$stage.log"; exit 1; }
rm -f "$stage.log"
u=$stage/usr
id=org.throughline.Throughline

expected=(
  bin/throughline bin/throughline-cli
  share/applications/$id.desktop share/metainfo/$id.metainfo.xml
  share/icons/hicolor/scalable/apps/$id.svg
  share/man/man1/throughline.1.gz share/man/man1/throughline-cli.1.gz
  share/bash-completion/completions/throughline share/bash-completion/completions/throughline-cli
  share/doc/throughline/copyright share/doc/throughline/changelog.gz share/lintian/overrides/throughline
)
for size in 16 24 32 48 64 128 256 512; do expected+=("share/icons/hicolor/${size}x${size}/apps/$id.png"); done
for f in "${expected[@]}"; do [[ -f $u/$f ]] || fail "not installed: /usr/$f"; done
# Nothing else: an unexpected file would end up in the package unnoticed.
extra=$(cd "$u" && find . -type f | sed 's|^\./||' | sort | comm -23 - <(printf '%s\n' "${expected[@]}" | sort))
[[ -z $extra ]] || fail "installed but not expected: $extra"
[[ $failures -eq 0 ]] && ok "${#expected[@]} files in their places"

if out=$(desktop-file-validate "$u/share/applications/$id.desktop" 2>&1) && [[ -z $out ]]; then
  ok "desktop-file-validate"
else
  fail "desktop-file-validate: $out"
fi
grep -qx "Icon=$id" "$u/share/applications/$id.desktop" || fail "the desktop entry's Icon is not $id"
grep -qx "StartupWMClass=Throughline" "$u/share/applications/$id.desktop" ||
  fail "the desktop entry's StartupWMClass does not match the window's WM_CLASS (Throughline)"

if out=$(appstreamcli validate-tree --no-net "$stage" 2>&1); then
  ok "appstreamcli validate-tree --no-net"
else
  fail "appstreamcli validate-tree: $out"
fi
grep -q "<release version=\"$version\"" "$u/share/metainfo/$id.metainfo.xml" ||
  fail "the AppStream metadata has no release $version"

for page in throughline throughline-cli; do
  f=$u/share/man/man1/$page.1.gz
  [[ -f $f ]] || continue
  # groff's own warnings (as lintian checks them), and the page must name its command.
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$f" 2>&1 >/dev/null || true)
  [[ -z $warnings ]] || fail "man $page: $warnings"
  zcat "$f" | grep "^\.TH \"$page\" \"1\"" >/dev/null || fail "man $page: no .TH header"
done
[[ $failures -eq 0 ]] && ok "manual pages format without warnings"

for c in throughline throughline-cli; do
  bash -n "$u/share/bash-completion/completions/$c" || fail "completion for $c does not parse"
done
# The completion offers every verb the CLI knows.
verbs=$("$u/bin/throughline-cli" --help | sed -n '/^Verbs:/,/^$/p' | awk 'NF && !/Verbs:/ {print $1}')
for v in $verbs; do
  grep -qw -- "$v" "$u/share/bash-completion/completions/throughline-cli" || fail "completion lacks the verb $v"
  zcat "$u/share/man/man1/throughline-cli.1.gz" | grep -- "$v" >/dev/null || fail "man throughline-cli lacks the verb $v"
done
[[ -n $verbs ]] || fail "could not read the verbs from throughline-cli --help"

for size in 16 24 32 48 64 128 256 512; do
  f=$u/share/icons/hicolor/${size}x${size}/apps/$id.png
  [[ -f $f ]] || continue
  w=$(od -An -tu1 -j16 -N4 "$f" | awk '{print ($1*16777216)+($2*65536)+($3*256)+$4}')
  h=$(od -An -tu1 -j20 -N4 "$f" | awk '{print ($1*16777216)+($2*65536)+($3*256)+$4}')
  [[ $w == "$size" && $h == "$size" ]] || fail "icon ${size}x${size} is ${w}x${h}"
done

for b in throughline throughline-cli; do
  got=$("$u/bin/$b" --version 2>&1 || true)
  [[ $got == "$b $version" ]] || fail "$b --version printed '$got', not '$b $version'"
  if readelf -d "$u/bin/$b" | grep -E 'RPATH|RUNPATH' >/dev/null; then fail "$b has a run path"; fi
done
[[ $failures -eq 0 ]] && ok "both binaries print $version and carry no run path"

if [[ $failures -ne 0 ]]; then
  echo "$failures problem(s) in the installed tree"
  exit 1
fi
echo "The installed tree is complete and valid."
