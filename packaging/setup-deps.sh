#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Throughline needs that are missing.
# Idempotent and quiet when everything is already present.
#   packaging/setup-deps.sh            build + test + run dependencies
#   packaging/setup-deps.sh --runtime  only what the built app needs to run
set -euo pipefail

build_pkgs=(
  build-essential cmake pkg-config
  libimgui-dev libstb-dev libglfw3-dev libopengl0 libstb0
  libsqlcipher-dev libssl-dev libsodium-dev libcereal-dev nlohmann-json3-dev
  doctest-dev libbenchmark-dev
  xvfb xauth                                    # tests: a private X server when there is no display
  fonts-dejavu-core fonts-dejavu-extra          # app and summaries: DejaVu Sans regular/bold (core), oblique (extra)
  libcairo2-dev libpango1.0-dev poppler-utils   # handover summaries: PDF layout; pdftotext in tests
  libqrencode-dev libzstd-dev                   # sync: contact-card QR codes, bundle compression
  clang libclang-rt-14-dev                      # libFuzzer + AddressSanitizer for the bundle parser
  scdoc librsvg2-bin                            # packaging: manual pages, icons rendered from SVG
  desktop-file-utils appstream man-db           # tests: desktop entry, AppStream metadata, manual pages
  syncthing curl                                # tests: folder sync carried by two real Syncthing instances
)
runtime_pkgs=(libglfw3 libstb0 libsqlcipher0 libsodium23 libopengl0 fonts-dejavu-core fonts-dejavu-extra
              libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libqrencode4 libzstd1)

if [[ "${1:-}" == "--runtime" ]]; then pkgs=("${runtime_pkgs[@]}"); else pkgs=("${build_pkgs[@]}"); fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing packages: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "Please run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
install() { $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/throughline-apt.log 2>&1; }
# A fresh machine may have empty package lists: update once and retry.
if ! install; then
  $SUDO apt-get update -q >/tmp/throughline-apt-update.log 2>&1 || true
  install || { cat /tmp/throughline-apt.log >&2; echo "Package installation failed." >&2; exit 1; }
fi
echo "Packages installed."
