#!/usr/bin/env bash
# Installs what Loopready needs on a fresh Debian/Ubuntu machine.
#   scripts/install-deps.sh        build + run dependencies
#   scripts/install-deps.sh test   also what the end-to-end tests need
# Only missing packages are installed; sudo is used when not root.
set -euo pipefail

build_pkgs=(build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev xdg-utils)
test_pkgs=(xvfb webkit2gtk-driver dbus-x11 dbus dunst libnotify-bin imagemagick xauth)

want=("${build_pkgs[@]}")
if [ "${1:-}" = "test" ]; then want+=("${test_pkgs[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is missing: install it from https://rustup.rs (curl --proto '=https' -sSf https://sh.rustup.rs | sh)" >&2
  exit 1
fi

if [ "${1:-}" = "test" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --locked
fi
