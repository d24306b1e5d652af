#!/usr/bin/env bash
# The soak at full strength: the same tests CI runs with small counts, run
# with the counts of issue #21, then their figures written to the
# "## Reliability" section of BENCHMARKS.md. Takes about half an hour on
# two cores. Counts can be lowered for a trial run, e.g.
#   LOOPREADY_SOAK_KILLS=50 bash scripts/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

export LOOPREADY_SOAK_KILLS="${LOOPREADY_SOAK_KILLS:-1000}"
export LOOPREADY_SOAK_IMPORTS="${LOOPREADY_SOAK_IMPORTS:-10000}"
export LOOPREADY_SOAK_HOSTILE="${LOOPREADY_SOAK_HOSTILE:-200}"
export LOOPREADY_SOAK_STARTS="${LOOPREADY_SOAK_STARTS:-315}"
report="$(mktemp)"
export LOOPREADY_SOAK_REPORT="$report"
started=$(date +%s)

run() { # crate, filter: the tests whose names hold the filter, one at a time
  echo "== $1: $2"
  cargo test --release --locked --test "$1" -- --test-threads=1 --nocapture "$2"
}
run store soak_
run ipc soak_
# The cases with fixed counts: moving clocks and a full disk.
run cli full_disk
run cli time_zone
cargo test --release --locked --lib -- --test-threads=1 clock_set clock_jump daylight
echo '{"case":"fixed","figures":{"passed":true}}' >>"$report"

python3 scripts/soak_report.py "$report" "$(( $(date +%s) - started ))"
