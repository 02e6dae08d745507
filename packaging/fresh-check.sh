#!/usr/bin/env bash
# Proves the set-up the way a newcomer meets it: a minimal Debian 12 root built with mmdebstrap, a clean
# clone of the project, the README's test command (./test.sh, as root, no display, no locale, no fonts or
# configuration beyond what the set-up installs), then ./run.sh under a private Xvfb taking a screenshot of the
# unlock screen. A second, separate minimal root gets only `packaging/setup-deps.sh --runtime` and the built
# binaries, and must open the app and write a summary PDF with the fonts it installed.
#
#   packaging/fresh-check.sh [--ref REF] [--out DIR] [--keep] [--mirror URL] [--skip-runtime]
#
# Needs root (chroot, mounts) and a route to the Debian archive, as apt-get does. Takes about half an hour on
# two cores, so it is not part of ./test.sh: run it whenever the set-up changes. Prints the suite's summary line
# ("N passed, N failed") and where the screenshots are; exits non-zero if anything failed.
set -euo pipefail

ref=HEAD
out=""
keep=0
mirror=http://deb.debian.org/debian
runtime_check=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --ref) ref=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --mirror) mirror=$2; shift 2 ;;
    --skip-runtime) runtime_check=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "fresh-check: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

[[ $(id -u) -eq 0 ]] || { echo "fresh-check: run as root (it builds a chroot and mounts into it)" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
git -C "$src" rev-parse --verify -q "$ref^{commit}" >/dev/null || { echo "fresh-check: no commit $ref" >&2; exit 2; }
commit=$(git -C "$src" rev-parse "$ref")
for tool in mmdebstrap Xvfb; do
  if ! command -v "$tool" >/dev/null; then
    pkg=$tool; [[ $tool == Xvfb ]] && pkg=xvfb
    echo "Installing $pkg for the check itself ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg" >/dev/null
  fi
done

work=$(mktemp -d /var/tmp/throughline-fresh.XXXXXX)
out=${out:-$work/out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  if [[ $keep -eq 0 ]]; then
    rm -rf "$work/root" "$work/runtime-root"
  else
    echo "Kept the roots in $work"
  fi
}
trap cleanup EXIT

# A chroot that behaves like a booted minimal machine: proc, sys, dev (for a tmpfs, /dev/shm, ptys) and DNS.
prepare_root() {
  local root=$1
  mount -t proc proc "$root/proc"; mounted+=("$root/proc")
  mount -t sysfs sys "$root/sys"; mounted+=("$root/sys")
  mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"; mounted+=("$root/dev")
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  # This machine's network, not the project's set-up: where outgoing TLS passes an inspecting proxy, its CA
  # certificates (and npm's pointer to them) go in too, as resolv.conf does, so that `npm ci` reaches the
  # registry here as it does on the host.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp -L /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    [[ -x $root/usr/sbin/update-ca-certificates ]] && chroot "$root" update-ca-certificates >/dev/null 2>&1
  fi
  [[ -f /etc/npmrc && ! -e $root/etc/npmrc ]] && cp -L /etc/npmrc "$root/etc/npmrc"
  return 0
}
# Runs a command in a root as a newcomer would: root's login environment and nothing from this shell.
in_root() {
  local root=$1; shift
  chroot "$root" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$*"
}
# Runs a command under a private Xvfb inside the root (Xvfb comes from the root's own packages).
with_xvfb() {
  local root=$1; shift
  in_root "$root" 'Xvfb :77 -screen 0 1280x1024x24 -nolisten tcp >/tmp/xvfb.log 2>&1 & x=$!;
    for i in $(seq 50); do [ -e /tmp/.X11-unix/X77 ] && break; sleep 0.2; done;
    export DISPLAY=:77; '"$*"'; s=$?; kill $x; exit $s'
}

started=$(date +%s)
echo "== fresh-check of $commit"
echo "== 1/4 a minimal Debian 12 root ($mirror)"
mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "$work/root" "$mirror" \
  >"$out/mmdebstrap.log" 2>&1 || { tail -20 "$out/mmdebstrap.log"; exit 1; }
prepare_root "$work/root"

echo "== 2/4 a clean clone and ./test.sh (the README's test command)"
git clone -q --no-local "$src" "$work/root/root/throughline"
git -C "$work/root/root/throughline" checkout -q "$commit"
set +e
in_root "$work/root" 'cd /root/throughline && ./test.sh' >"$out/test.log" 2>&1
test_status=$?
set -e
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/test.log" | tail -1 || true)
echo "   ./test.sh exit $test_status: ${summary:-no summary line}"
if [[ $test_status -ne 0 ]]; then
  grep -E "Failed|\*\*\*Failed|\(Failed\)|ERROR|error:" "$out/test.log" | head -30 || true
fi

echo "== 3/4 ./run.sh --frames 30 --screenshot under a private Xvfb"
set +e
with_xvfb "$work/root" 'cd /root/throughline && ./run.sh --frames 30 --screenshot /root/unlock.png' \
  >"$out/run.log" 2>&1
run_status=$?
set -e
cp "$work/root/root/unlock.png" "$out/unlock.png" 2>/dev/null || true
echo "   ./run.sh exit $run_status; screenshot: $([[ -s $out/unlock.png ]] && echo "$out/unlock.png" || echo none)"

runtime_status=0
if [[ $runtime_check -eq 1 ]]; then
  echo "== 4/4 a second minimal root with only setup-deps.sh --runtime and the built binaries"
  mmdebstrap --quiet --variant=minbase bookworm "$work/runtime-root" "$mirror" \
    >>"$out/mmdebstrap.log" 2>&1 || { tail -20 "$out/mmdebstrap.log"; exit 1; }
  prepare_root "$work/runtime-root"
  mkdir -p "$work/runtime-root/opt/throughline/packaging"
  git -C "$work/root/root/throughline" show "$commit:packaging/setup-deps.sh" \
    >"$work/runtime-root/opt/throughline/packaging/setup-deps.sh"
  chmod +x "$work/runtime-root/opt/throughline/packaging/setup-deps.sh"
  cp "$work/root/root/throughline/build/app/throughline" "$work/root/root/throughline/build/app/cli/throughline-cli" \
    "$work/runtime-root/usr/local/bin/" 2>/dev/null || true
  set +e
  {
    in_root "$work/runtime-root" '/opt/throughline/packaging/setup-deps.sh --runtime' &&
    # Xvfb is the check's own screen, not a dependency of the app: installed after the runtime list.
    in_root "$work/runtime-root" 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xvfb xauth >/dev/null' &&
    in_root "$work/runtime-root" 'printf "fresh-check-passphrase\n" >/root/pass && chmod 600 /root/pass &&
      THROUGHLINE_PASSPHRASE=fresh-check-passphrase throughline-cli demo --vault /root/v --seed 3 --young-people 2 --contacts 40 >/dev/null &&
      yp=$(throughline-cli list --vault /root/v --passphrase-file /root/pass --json | sed -n "s/.*\"id\": *\"\([^\"]*\)\".*/\1/p" | head -1) &&
      throughline-cli summary --vault /root/v --passphrase-file /root/pass --young-person "$yp" --format pdf --out /root/summary.pdf' &&
    with_xvfb "$work/runtime-root" 'throughline --vault /root/v --passphrase-file /root/pass --screen home --frames 30 --screenshot /root/runtime-home.png'
  } >"$out/runtime.log" 2>&1
  runtime_status=$?
  set -e
  cp "$work/runtime-root/root/runtime-home.png" "$out/runtime-home.png" 2>/dev/null || true
  cp "$work/runtime-root/root/summary.pdf" "$out/runtime-summary.pdf" 2>/dev/null || true
  if grep -q "DejaVu Sans not found\|using the built-in font" "$out/runtime.log"; then
    echo "   the app did not find its fonts"; runtime_status=1
  fi
  echo "   runtime root exit $runtime_status; screenshot: $([[ -s $out/runtime-home.png ]] && echo "$out/runtime-home.png" || echo none)"
fi

echo "== done in $(( ($(date +%s) - started) / 60 )) min; logs in $out"
echo "${summary:-0 passed, 1 failed (no summary line)}"
[[ $test_status -eq 0 && $run_status -eq 0 && -s $out/unlock.png && $runtime_status -eq 0 ]]
