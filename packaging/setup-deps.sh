#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Throughline needs that are missing.
# Idempotent and quiet when everything is already present.
#   packaging/setup-deps.sh            build + test + run dependencies, and the browser test's npm packages
#                                      (npm ci in tests/browser, pinned by its package-lock.json)
#   packaging/setup-deps.sh --runtime  only what the built app needs to run
set -euo pipefail

build_pkgs=(
  build-essential cmake pkg-config
  libimgui-dev libstb-dev libglfw3-dev libopengl0 libstb0
  libsqlcipher-dev libssl-dev libsodium-dev libcereal-dev nlohmann-json3-dev
  doctest-dev libbenchmark-dev
  xvfb xauth                                    # tests: a private X server when there is no display
  libx11-dev                                    # tests: the window's close button, sent as a window manager does
  fonts-dejavu-core fonts-dejavu-extra          # app and summaries: DejaVu Sans regular/bold (core), oblique (extra)
  fonts-noto-core fonts-noto-color-emoji        # other scripts (Ethiopic …) and colour emoji; tests of glyphs
  libcairo2-dev libpango1.0-dev poppler-utils   # handover summaries: PDF layout; pdftotext in tests
  libqpdf-dev qpdf                              # tagged summary PDF: /Lang, /Alt, artifacts; qpdf --json in tests
  chromium                                      # tests: the HTML summary in a real browser (tests/browser)
  libqrencode-dev libzstd-dev                   # sync: contact-card QR codes, bundle compression
  clang libclang-rt-14-dev                      # libFuzzer + AddressSanitizer for the bundle parser
  scdoc librsvg2-bin                            # packaging: manual pages, icons rendered from SVG
  desktop-file-utils appstream man-db           # tests: desktop entry, AppStream metadata, manual pages
  syncthing curl                                # tests: folder sync carried by two real Syncthing instances
  libdbus-1-dev dbus-daemon                     # screen lock and sleep signals (D-Bus); tests: private buses
)
runtime_pkgs=(libglfw3 libstb0 libsqlcipher0 libsodium23 libopengl0 fonts-dejavu-core fonts-dejavu-extra
              fonts-noto-core fonts-noto-color-emoji
              libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libpangoft2-1.0-0 libfontconfig1 libqpdf29 libqrencode4 libzstd1 libdbus-1-3)

if [[ "${1:-}" == "--runtime" ]]; then pkgs=("${runtime_pkgs[@]}"); else pkgs=("${build_pkgs[@]}"); fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node and npm for the browser test (puppeteer-core and axe-core, pinned for node >= 18): Debian 12's nodejs
# (18) and npm (9) when there are none. Looked for as commands, not packages: a machine with another node
# (such as a nodejs package that bundles npm and conflicts with Debian's npm) keeps its own.
if [[ "${1:-}" != "--runtime" ]] && ! { command -v node && command -v npm; } >/dev/null; then
  missing+=(nodejs npm)
fi

# The browser test's npm packages, exactly as locked; never the `puppeteer` package (it downloads a browser),
# only puppeteer-core driving Debian's chromium. A failure (no network) is not fatal: the test then skips.
npm_ci() {
  [[ "${1:-}" == "--runtime" ]] && return 0
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
  [[ -f "$dir/package-lock.json" ]] && command -v npm >/dev/null || return 0
  if [[ ! -d "$dir/node_modules/puppeteer-core" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    if (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >/tmp/throughline-npm.log 2>&1; then
      echo "Installed the browser test's npm packages (tests/browser)."
    else
      echo "Could not install the browser test's npm packages (offline?); the browser test will be skipped." \
           "See /tmp/throughline-npm.log." >&2
    fi
  fi
}

if [[ ${#missing[@]} -eq 0 ]]; then
  npm_ci "${1:-}"
  exit 0
fi

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
npm_ci "${1:-}"
