#!/usr/bin/env bash
# Proves the .deb the way an IT team meets it: builds the package with CPack (Debian's hardening flags,
# stripped, installed in /usr), runs lintian --pedantic, desktop-file-validate and appstreamcli on it, then
# installs it with apt-get into a fresh Debian 12 root made with mmdebstrap (apt resolves the dependencies),
# and there, as an ordinary user: throughline-cli --version, a demo vault, the installed `throughline`
# rendering the home screen and the first start under xvfb-run (PNGs checked for content), the desktop
# entry, icons, manual pages and completion where the system looks for them. Finally it purges the package
# and removes what it pulled in, and checks that nothing is left but the user's data.
#
#   packaging/test-deb.sh [--out DIR] [--build-dir DIR] [--mirror URL] [--keep]
#
# Needs root (chroot, mounts) and a route to the Debian archive, as apt-get does; about ten minutes after
# the build. Not part of ./test.sh. Exits non-zero if any check failed.
set -euo pipefail

out=""
build=""
keep=0
mirror=http://deb.debian.org/debian
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    --mirror) mirror=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "test-deb: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "test-deb: run as root (it builds a chroot and mounts into it)" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
build=${build:-$src/build-pkg}
out=${out:-$build/test-deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)

failures=0
fail() { echo "   FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "   ok: $*"; }

# ---------------------------------------------------------------- 1. the package
echo "== 1/5 build the package (cmake --preset deb, cpack)"
"$src/packaging/setup-deps.sh"
missing=()
for p in lintian mmdebstrap; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "ok installed" >/dev/null || missing+=("$p"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "   installing ${missing[*]} for the check itself ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=None -DCMAKE_INSTALL_PREFIX=/usr -DTHROUGHLINE_DPKG_BUILDFLAGS=ON \
  -DTHROUGHLINE_BUILD_TESTS=OFF -DTHROUGHLINE_BUILD_BENCH=OFF >"$out/build.log" 2>&1
cmake --build "$build" -j"$(nproc)" --target throughline throughline-cli throughline_packaging_files \
  >>"$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
rm -f "$build"/throughline_*.deb
(cd "$build" && cpack -G DEB) >>"$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
deb=$(ls "$build"/throughline_*.deb)
cp "$deb" "$out/"
echo "   $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB, installed size $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "   Depends: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -c "$deb" >"$out/contents.txt"
dpkg-deb -I "$deb" >"$out/control.txt"

# ---------------------------------------------------------------- 2. lintian and the validators
echo "== 2/5 lintian --pedantic, desktop-file-validate, appstreamcli"
lintian --pedantic --display-info --fail-on none "$deb" >"$out/lintian.txt" 2>"$out/lintian.err" || true
# lintian's own notice about running as root is not about the package.
grep -v "running with root privileges is not recommended" "$out/lintian.err" >>"$out/lintian.txt" || true
if [[ -s $out/lintian.txt ]]; then
  fail "lintian --pedantic:"; sed 's/^/      /' "$out/lintian.txt"
else
  ok "lintian --pedantic prints nothing"
fi
unpacked=$(mktemp -d)
dpkg-deb -x "$deb" "$unpacked"
if v=$(desktop-file-validate "$unpacked"/usr/share/applications/*.desktop 2>&1) && [[ -z $v ]]; then
  ok "desktop-file-validate"
else
  fail "desktop-file-validate: $v"
fi
if v=$(appstreamcli validate-tree --no-net "$unpacked" 2>&1); then ok "appstreamcli validate-tree --no-net"; else fail "appstreamcli: $v"; fi
rm -rf "$unpacked"
# The hardening lintian checks for, read from the binaries themselves.
for b in throughline throughline-cli; do
  x=$(mktemp -d); dpkg-deb -x "$deb" "$x"
  f=$x/usr/bin/$b
  h=""
  readelf -h "$f" | grep "DYN" >/dev/null && h+="PIE "
  readelf -l "$f" | grep "GNU_RELRO" >/dev/null && h+="RELRO "
  readelf -d "$f" | grep -E "BIND_NOW|FLAGS.*NOW" >/dev/null && h+="BIND_NOW "
  nm -D "$f" | grep "__[a-z_]*_chk" >/dev/null && h+="FORTIFY "
  readelf -S "$f" | grep "\.debug_info" >/dev/null && h+="NOT-STRIPPED "
  [[ $h == "PIE RELRO BIND_NOW FORTIFY " ]] && ok "$b: $h" || fail "$b hardening: $h"
  rm -rf "$x"
done

# ---------------------------------------------------------------- 3. a fresh Debian 12 root
echo "== 3/5 a fresh Debian 12 root (mmdebstrap minbase, $mirror)"
work=$(mktemp -d /var/tmp/throughline-deb.XXXXXX)
root=$work/root
mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  if [[ $keep -eq 1 ]]; then
    echo "Kept the root in $root"
  elif findmnt -rn -o TARGET | grep "^$root" >/dev/null; then
    echo "test-deb: something is still mounted in $root; not removing it" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
mmdebstrap --quiet --variant=minbase bookworm "$root" "$mirror" >"$out/mmdebstrap.log" 2>&1 ||
  { tail -20 "$out/mmdebstrap.log"; exit 1; }
mount -t proc proc "$root/proc"; mounted+=("$root/proc")
mount -t sysfs sys "$root/sys"; mounted+=("$root/sys")
mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"; mounted+=("$root/dev")
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# Root's login environment in the chroot, and nothing from this shell.
in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$*"
}
# A key worker's session: an ordinary user with an empty home.
as_worker() {
  chroot --userspec=1000:1000 "$root" /usr/bin/env -i HOME=/home/worker USER=worker LOGNAME=worker \
    SHELL=/bin/bash TERM=dumb LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin /bin/bash -c "cd && $*"
}
export DEBIAN_FRONTEND=noninteractive
apt_q="DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Use-Pty=0"
in_root "$apt_q update" >"$out/chroot-apt.log" 2>&1
# The check's own tools, not dependencies of the app: a display (Xvfb, a GL driver), man and completion.
in_root "$apt_q install --no-install-recommends xvfb xauth libgl1-mesa-dri man-db bash-completion" \
  >>"$out/chroot-apt.log" 2>&1 || { tail -20 "$out/chroot-apt.log"; exit 1; }
in_root "useradd --create-home --uid 1000 --user-group --shell /bin/bash worker"
snapshot() {
  in_root "dpkg-query -W -f='\${Package} \${Version}\n' | sort" >"$1.packages"
  in_root "find /usr /etc /opt /var/lib -xdev \( -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/lib/ucf \
    -o -path /var/lib/systemd \) -prune -o -print | grep -v '^/etc/ld.so.cache$' | sort" >"$1.files"
}
snapshot "$work/before"

echo "== 4/5 apt-get install ./$(basename "$deb"), then use it as a key worker would"
cp "$deb" "$root/tmp/"
if in_root "cd /tmp && $apt_q install ./$(basename "$deb")" >"$out/install.log" 2>&1; then
  pulled=$(grep -E "^[0-9]+ upgraded, [0-9]+ newly installed" "$out/install.log" || true)
  ok "apt-get install resolved the dependencies: $pulled"
else
  tail -20 "$out/install.log"; fail "apt-get install ./$(basename "$deb")"
fi
v=$(as_worker "throughline-cli --version" 2>&1 || true)
[[ $v == "throughline-cli $(dpkg-deb -f "$deb" Version)" ]] && ok "throughline-cli --version: $v" || fail "throughline-cli --version: $v"
v=$(as_worker "throughline --version" 2>&1 || true)
[[ $v == "throughline $(dpkg-deb -f "$deb" Version)" ]] && ok "throughline --version: $v" || fail "throughline --version: $v"

# A demo vault in the XDG data folder, then the home screen rendered by the installed app.
if as_worker 'umask 077 && printf "%s\n" test-deb-passphrase-1 >pass &&
    THROUGHLINE_PASSPHRASE=test-deb-passphrase-1 throughline-cli demo --vault ~/.local/share/throughline/demo-vault \
      --seed 5 --young-people 3 --contacts 90 >/dev/null &&
    throughline-cli list --vault ~/.local/share/throughline/demo-vault --passphrase-file pass' >"$out/demo.log" 2>&1; then
  ok "a demo vault in ~/.local/share/throughline/demo-vault ($(grep -c . "$out/demo.log") lines from list)"
else
  cat "$out/demo.log"; fail "the demo vault"
fi
yp=$(as_worker 'throughline-cli list --vault ~/.local/share/throughline/demo-vault --passphrase-file pass --json' |
  sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' | head -1)
as_worker "throughline-cli summary --vault ~/.local/share/throughline/demo-vault --passphrase-file pass \
  --young-person '$yp' --format pdf --out summary.pdf" >>"$out/demo.log" 2>&1 &&
  [[ $(head -c 5 "$root/home/worker/summary.pdf") == "%PDF-" ]] && ok "a handover summary PDF" || fail "the summary PDF"
xvfb="xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp'"
as_worker "$xvfb throughline --vault ~/.local/share/throughline/demo-vault --passphrase-file pass \
  --screen home --frames 30 --screenshot home.png" >"$out/gui.log" 2>&1 || fail "throughline under xvfb-run (home)"
# The first start: no --vault and no vault yet, so the create flow at the XDG default path.
as_worker "$xvfb throughline --frames 30 --screenshot first-run.png" >>"$out/gui.log" 2>&1 ||
  fail "throughline under xvfb-run (first start)"
grep -q "DejaVu Sans not found\|using the built-in font" "$out/gui.log" && fail "the app did not find its fonts"
for png in home first-run; do
  cp "$root/home/worker/$png.png" "$out/chroot-$png.png" 2>/dev/null || true
  if r=$(python3 "$src/packaging/png-has-content.py" "$out/chroot-$png.png" 2>&1); then ok "$png.png: $r"; else fail "$png.png: $r"; fi
done
[[ ! -e $root/home/worker/.local/share/throughline/vault ]] && ok "the first start wrote nothing before the user chose" ||
  fail "the first start created a vault by itself"

# Where the system looks.
id=org.throughline.Throughline
for f in /usr/share/applications/$id.desktop /usr/share/metainfo/$id.metainfo.xml \
  /usr/share/icons/hicolor/scalable/apps/$id.svg /usr/share/icons/hicolor/48x48/apps/$id.png \
  /usr/share/doc/throughline/copyright /usr/share/doc/throughline/changelog.gz; do
  [[ -f $root$f ]] || fail "missing $f"
done
exec_line=$(sed -n 's/^Exec=//p' "$root/usr/share/applications/$id.desktop")
in_root "command -v $exec_line" >/dev/null && ok "the desktop entry's Exec ($exec_line) is on the PATH" || fail "Exec=$exec_line not found"
for page in throughline throughline-cli; do
  p=$(in_root "man -w $page" 2>&1 || true)
  [[ $p == "/usr/share/man/man1/$page.1.gz" ]] && ok "man -w $page: $p" || fail "man -w $page: $p"
done
# As the user: man-db's cache of formatted pages (/var/cache/man) is only written when root reads a page.
as_worker "man throughline-cli 2>/dev/null | grep 'EXIT STATUS' >/dev/null" && ok "man throughline-cli renders" ||
  fail "man throughline-cli"
# bash-completion loads the script on first use, from where the package put it.
complete_words() {
  as_worker "source /usr/share/bash-completion/bash_completion; __load_completion throughline-cli || exit 1
    COMP_LINE='throughline-cli $1'; COMP_POINT=\${#COMP_LINE}; read -ra COMP_WORDS <<<\"\$COMP_LINE\"
    [[ \$COMP_LINE == *' ' ]] && COMP_WORDS+=('')
    COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); _throughline_cli; echo \${COMPREPLY[*]}" 2>&1 || true
}
c1=$(complete_words "sum"); c2=$(complete_words "summary --fo"); c3=$(complete_words "summary --format ")
if [[ $c1 == summary && $c2 == --format && $c3 == "pdf html md json" ]]; then
  ok "bash completes 'sum' to '$c1', 'summary --fo' to '$c2', 'summary --format' to '$c3'"
else
  fail "bash completion: '$c1' / '$c2' / '$c3'"
fi

# ---------------------------------------------------------------- 5. purge
echo "== 5/5 apt-get purge throughline && apt-get autoremove --purge"
in_root "dpkg -L throughline" >"$work/owned.txt"
in_root "$apt_q purge throughline && $apt_q autoremove --purge" >"$out/purge.log" 2>&1 || fail "purge"
snapshot "$work/after"
if diff -u "$work/before.packages" "$work/after.packages" >"$out/purge-packages.diff"; then
  ok "the installed packages are exactly those before the .deb"
else
  fail "packages differ after purge:"; sed 's/^/      /' "$out/purge-packages.diff" | head -20
fi
if diff -u "$work/before.files" "$work/after.files" >"$out/purge-files.diff"; then
  ok "no file left in /usr, /etc, /opt or /var/lib"
else
  fail "files differ after purge:"; grep '^[+-]/' "$out/purge-files.diff" | sed 's/^/      /' | head -20
fi
left=$(cd "$root" && find . -xdev -path ./proc -prune -o -path ./sys -prune -o -path ./dev -prune -o \
  -path ./tmp -prune -o -path ./var/log -prune -o -path ./var/cache/apt -prune -o -iname '*throughline*' -print |
  grep -v '^\./home/worker/' || true)
[[ -z $left ]] && ok "nothing named throughline outside the user's home" || fail "left behind: $left"
[[ -f $root/home/worker/.local/share/throughline/demo-vault/vault.db ]] &&
  ok "the user's vault is still there (~/.local/share/throughline/demo-vault)" || fail "the user's vault is gone"

echo "== logs and screenshots in $out"
if [[ $failures -eq 0 ]]; then echo "test-deb: all checks passed"; else echo "test-deb: $failures check(s) failed"; exit 1; fi
