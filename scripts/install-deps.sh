#!/usr/bin/env bash
# Installs what Loopready needs on a fresh Debian/Ubuntu machine.
#   scripts/install-deps.sh        build + run dependencies
#   scripts/install-deps.sh test   also what the end-to-end tests need
# Only missing packages are installed; sudo is used when not root.
set -euo pipefail

build_pkgs=(build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev xdg-utils)
test_pkgs=(xvfb webkit2gtk-driver dbus-x11 dbus dunst libnotify-bin imagemagick xauth desktop-file-utils xdotool git tzdata)

want=("${build_pkgs[@]}")
if [ "${1:-}" = "test" ]; then want+=("${test_pkgs[@]}"); fi

# The packaging test runs the Tauri CLI from the npm registry.
if [ "${1:-}" = "test" ] && ! command -v npm >/dev/null 2>&1; then want+=(nodejs npm); fi

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

# axe-core (accessibility rules) for the end-to-end accessibility check,
# fetched from the npm registry as a tarball and checked against its hash.
if [ "${1:-}" = "test" ]; then
  here="$(cd "$(dirname "$0")/.." && pwd)"
  axe_dir="$here/target/axe-core"
  axe_version=4.10.2
  axe_sha256=9ea2d2d6917da998122bdacfd3b473e31ead53f4b87146c716a12edf89158100
  if [ ! -f "$axe_dir/$axe_version/axe.min.js" ]; then
    echo "Fetching axe-core $axe_version"
    mkdir -p "$axe_dir/$axe_version"
    tgz="$axe_dir/axe-core-$axe_version.tgz"
    curl -fsSL -o "$tgz" "https://registry.npmjs.org/axe-core/-/axe-core-$axe_version.tgz"
    echo "$axe_sha256  $tgz" | sha256sum -c --quiet
    tar -xzf "$tgz" -C "$axe_dir/$axe_version" --strip-components=1 package/axe.min.js
  fi
fi
