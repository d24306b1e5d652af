#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian/Ubuntu
# machine, then runs every check and every test layer (unit, store,
# commands, CLI, end to end in a real window) on the release build.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh test
export PATH="$HOME/.cargo/bin:$PATH"
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

echo "== format"
cargo fmt --all -- --check
echo "== clippy"
cargo clippy --release --all-targets --locked -- -D warnings

# A private desktop for the end-to-end tests: a virtual X display, a D-Bus
# session of our own and dunst on it to receive notifications.
echo "== tests"
xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  dbus-run-session -- bash -c '
    dunst >/dev/null 2>&1 &
    dunst_pid=$!
    trap "kill $dunst_pid 2>/dev/null" EXIT
    cargo test --release --locked --no-fail-fast -- --test-threads=2
  '

# The installer: bundle the tested release build as a .deb and install it
# into a scratch root.
echo "== packaging"
bash scripts/test-deb.sh
