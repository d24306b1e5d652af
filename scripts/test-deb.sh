#!/usr/bin/env bash
# The packaging test: bundles the release build as a .deb with the official
# Tauri CLI (from the npm registry, version pinned in package-lock.json),
# installs it with dpkg into a scratch root, checks the package's metadata
# and desktop entry, and runs the installed binary headless with --version.
# Run after the release build (scripts/test.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-deb: $*" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
[ -x target/release/loopready ] || fail "no release build: run cargo build --release first"

npm ci --no-audit --no-fund --loglevel=error
rm -rf target/release/bundle/deb
npx tauri bundle --bundles deb --ci 2>&1 | grep -v "^ *$" || true
deb="target/release/bundle/deb/Loopready_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "the bundler made no $deb"

# Package metadata.
[ "$(dpkg-deb -f "$deb" Package)" = loopready ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1 libxdo3; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

# A real dpkg install into a scratch root with its own package database.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# (The libraries it depends on are on this machine, not in the scratch root.)
dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless \
  --log=/dev/null --install "$deb" >"$root/dpkg.log" 2>&1 || { cat "$root/dpkg.log"; fail "dpkg --install failed"; }
dpkg --root="$root" -s loopready | grep -q '^Status: install ok installed' || fail "dpkg did not record the install"

# The desktop entry: valid, and pointing at the installed binary and icon.
entry="$root/usr/share/applications/Loopready.desktop"
[ -f "$entry" ] || fail "no desktop entry"
desktop-file-validate "$entry" || fail "desktop-file-validate refused the entry"
grep -qx 'Name=Loopready' "$entry" || fail "entry Name"
grep -qx 'Type=Application' "$entry" || fail "entry Type"
grep -qx 'Categories=Education;' "$entry" || fail "entry Categories"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$entry")
[ -x "$root/usr/bin/$exec_name" ] || fail "Exec=$exec_name is not an installed program"
icon=$(sed -n 's/^Icon=//p' "$entry")
ls "$root"/usr/share/icons/hicolor/*/apps/"$icon".png >/dev/null 2>&1 || fail "no icon named $icon"

# The installed binary runs headless (no display needed for --version).
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$root/usr/bin/$exec_name" --version)
[ "$out" = "loopready $version" ] || fail "--version printed '$out'"

echo "test-deb: ok: $(basename "$deb") ($(du -h "$deb" | cut -f1)) installs, its entry is valid, '$out'"
