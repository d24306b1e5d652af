#!/usr/bin/env python3
"""Writes the "## Reliability" section of BENCHMARKS.md from a soak report
(one JSON line per soak test, see tests/support/soak.rs).

    python3 scripts/soak_report.py REPORT SECONDS
"""
import datetime
import json
import os
import platform
import re
import sys

OUTCOMES = {
    "Everything": "opened with everything",
    "LastWholeCommit": "opened at the log's last whole commit (what SQLite does for a log torn by a crash)",
    "RestoredAndSaid": "restored the newest sound backup and said so",
    "EmptyAndSaid": "started empty and said so (no sound backup)",
    "ReadOnlyAndSaid": "opened to read and said nothing can be saved",
    "RefusedWithReason": "refused to start, with the reason",
}


def main(report, seconds):
    rows = {}
    for line in open(report):
        if line.strip():
            rec = json.loads(line)
            rows[rec["case"]] = rec["figures"]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
               platform.machine())
    mem = next((int(l.split()[1]) // (1024 * 1024) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    k, i, h, s = (rows.get(n, {}) for n in ("kills", "imports", "hostile", "starts"))
    n = lambda v: f"{int(v):,}" if isinstance(v, (int, float)) else "?"
    outcomes = []
    for name, count in sorted(s.get("outcomes", {}).items()):
        damage, outcome = name.split(": ", 1)
        outcomes.append(f"| {damage} | {OUTCOMES.get(outcome, outcome)} | {count} |")
    fixed = "passed" if rows.get("fixed") else "not run"
    text = f"""## Reliability (`bash scripts/soak.sh`, {datetime.date.today()})

Machine: {os.cpu_count()} cores ({cpu}), {mem} GiB, {platform.system()} {platform.release()}.
The whole soak took {seconds // 60} min {seconds % 60} s. CI runs the same tests with small counts
(30 kill cycles, 2,000 imports, 8 calls per command, 35 starts).

| Case | Count | Result | Time |
|---|---|---|---|
| SIGKILL cycles: the window's commands (story autosave, tick, log entry, rehearsal rating, round phase change) and the CLI's `log add` at once, both killed at 40-330 ms (every tenth cycle a second later) | {n(k.get('cycles'))} cycles, {n(k.get('acknowledged'))} acknowledged writes | {n(k.get('lost'))} lost; `integrity_check` ok after all {n(k.get('integrity_checks_ok'))} cycles | {n(k.get('seconds'))} s |
| Imports: changed documents (fields, rows) and files damaged byte by byte (flipped, cut, inserted, deleted, repeated), replace and merge | {n(i.get('cases'))} ({n(i.get('changed_documents'))} changed + {n(i.get('damaged_files'))} damaged), and 2 kept failures | {n(i.get('refused'))} refused with the database files unchanged, {n(i.get('accepted'))} imported, sound and exported again | {n(i.get('seconds'))} s |
| Hostile IPC: every registered command; wrong types, missing and extra fields, 1 MB strings, control and right-to-left characters, extreme numbers and dates, unknown and trashed ids | {n(h.get('calls'))} calls ({n(h.get('per_command'))} × {n(h.get('commands'))} commands) | {n(h.get('panics'))} panics; {n(h.get('refused'))} refused, {n(h.get('accepted'))} accepted; the next call worked after every one | {n(h.get('seconds'))} s |
| Damaged files at start (table below) | {n(s.get('cases'))} starts | {n(s.get('silent_losses'))} silent losses; each next start quiet | {n(s.get('seconds'))} s |
| Clocks: set back an hour and forward a day mid-round, a round across a daylight-saving change, a time zone change between two starts, sleep through a phase end | fixed cases | {fixed} | |
| Full disk (a file-size limit): during a backup, an export and a schema upgrade | fixed cases | {fixed} | |

| Damage | What the start did | Starts |
|---|---|---|
""" + "\n".join(outcomes) + "\n"
    path = "BENCHMARKS.md"
    doc = open(path).read()
    marker = "<!-- figures below are written by perf/run.py -->"
    doc = re.sub(r"## Reliability.*?(?=\n## |\n<!-- figures below)", "", doc, flags=re.S)
    doc = doc.replace(marker, text.rstrip() + "\n\n" + marker)
    doc = re.sub(r"\n{3,}", "\n\n", doc)
    open(path, "w").write(doc)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
