#!/usr/bin/env bash
# Installs what is missing on a fresh Debian/Ubuntu machine, then builds and
# opens Loopready. Extra arguments go to the app (e.g. --data-dir DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo run --release --locked -- "$@"
