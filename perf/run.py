#!/usr/bin/env python3
"""Loopready against the floor (perf/floor: the smallest Tauri 2 app), on
this machine, in one run: binary size, start-up to the first meaningful
paint, memory (PSS of the whole process tree), UI weight, and the backend's
per-command p50/p99 from `cargo bench --bench ipc`. Writes BENCHMARKS.md.

    python3 perf/run.py [--runs 7] [--no-backend]

Start-up runs alternate Loopready and the floor (A B A B ...) so drift in
the machine's state hits both alike; each pair gives one ratio. Loopready
starts on a generated five-year database (500 stories x 20 revisions,
50,000 log rows, 2,000 mocks) and its mark is sent once the Today view has
painted with that data; the floor's once its static page has painted. Both
marks travel the same way (the page calls a command, the process prints a
line on stderr) and the clock starts just before the process is spawned.

Memory is the proportional set size (/proc/PID/smaps_rollup, shared pages
split between the processes that map them) summed over the app and every
process it started (WebKit's web and network processes), measured after
start-up has settled and, for Loopready, again after the page has visited
every view. Needs an X display: it starts Xvfb itself when DISPLAY is unset.
"""

import argparse
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
APP = TARGET / "release" / "loopready"
FLOOR = TARGET / "release" / "loopready-floor"
SETTLE_S = 3.0
TIMEOUT_S = 60.0


def sh(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def build():
    sh(["cargo", "build", "--release", "--locked", "--bin", "loopready",
        "--example", "five_years"], cwd=ROOT)
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    sh(["cargo", "build", "--release", "--manifest-path",
        str(ROOT / "perf/floor/Cargo.toml")], cwd=ROOT, env=env)


def descendants(pid):
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_kib(pid, tree=True):
    total = 0
    for p in descendants(pid) if tree else [pid]:
        try:
            text = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        m = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
        if m:
            total += int(m.group(1))
    return total


def processes(pid):
    """PSS in KiB of each process of the tree, by name (loopready,
    WebKitWebProcess, WebKitNetworkProcess, ...)."""
    out = {}
    for p in descendants(pid):
        try:
            name = Path(f"/proc/{p}/comm").read_text().strip()
        except OSError:
            continue
        out[name] = out.get(name, 0) + pss_kib(p, tree=False)
    return out


class Run:
    """One launch: the time to each start-up mark, and the process to
    measure. A mark is a line `STARTUP-NAME` on stderr, timed on arrival;
    a page's mark also carries its time on the page's clock
    (`STARTUP-NAME 123.4`, ms since the page's navigation began)."""

    def __init__(self, cmd, env):
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        self.arrived = {}
        self.page = {}

    def wait_for(self, mark):
        deadline = self.t0 + TIMEOUT_S
        for line in self.proc.stderr:
            line = line.strip()
            if line.startswith("STARTUP-"):
                name, _, at = line[len("STARTUP-"):].partition(" ")
                self.arrived.setdefault(name, time.monotonic() - self.t0)
                if at:
                    self.page.setdefault(name, float(at) / 1000)
                if name == mark:
                    return self.arrived[name]
            if time.monotonic() > deadline:
                break
        raise RuntimeError(f"no STARTUP-{mark} from {self.proc.args[0]}")

    def timeline(self):
        """Each mark in seconds from spawn. A page's mark is placed by its
        own clock, anchored where READY arrived (which it reached first)."""
        out = {k: v for k, v in self.arrived.items() if k not in self.page}
        if "READY" in self.page:
            origin = self.arrived["READY"] - self.page["READY"]
            for name, at in self.page.items():
                out[name] = origin + at
        return out

    def stop(self):
        tree = descendants(self.proc.pid)
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        for p in tree:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass


def launch_app(template, work, mark, env):
    data = work / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(template, data)
    return Run([str(APP), "--data-dir", str(data)],
               dict(env, LOOPREADY_STARTUP_MARK=mark))


def launch_floor(env):
    return Run([str(FLOOR)], env)


# What Loopready sets for its web view where no GPU can be reached
# (src-tauri/shell/painting.rs): painting on the CPU, no compositing layers.
SWITCHES = {"WEBKIT_SKIA_ENABLE_CPU_RENDERING": "1", "WEBKIT_DISABLE_COMPOSITING_MODE": "1"}


def app_switches_webkit():
    """Whether Loopready sets SWITCHES on this machine: the same test as
    painting.rs (no GPU render node to open, or Mesa told to use software,
    and neither switch already set)."""
    if any(k in os.environ for k in SWITCHES):
        return False
    soft = os.environ.get("LIBGL_ALWAYS_SOFTWARE", "") not in ("", "0")
    gpu = False
    for node in Path("/dev/dri").glob("renderD*") if Path("/dev/dri").is_dir() else []:
        try:
            with open(node, "rb"):
                gpu = True
        except OSError:
            pass
    return soft or not gpu


def stats(values):
    med = statistics.median(values)
    return med, min(values), max(values)


def fmt_ms(s):
    return f"{s * 1000:.0f} ms"


def machine():
    cpu = "unknown CPU"
    try:
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = m.group(1) if m else cpu
    except OSError:
        pass
    mem = ""
    try:
        m = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        mem = f"{int(m.group(1)) / 1024 / 1024:.0f} GiB RAM" if m else ""
    except OSError:
        pass
    osname = platform.platform()
    try:
        rel = Path("/etc/os-release").read_text()
        m = re.search(r'^PRETTY_NAME="(.+)"', rel, re.M)
        osname = m.group(1) if m else osname
    except OSError:
        pass
    webkit = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libwebkit2gtk-4.1-0"],
                            capture_output=True, text=True).stdout or "?"
    return f"{cpu}, {os.cpu_count()} cores, {mem}; {osname}; WebKitGTK {webkit}; Xvfb"


def backend_table():
    out = subprocess.run(["cargo", "bench", "--bench", "ipc"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    start = out.index("command")
    return out[start:].strip()


def first_paint_files():
    """The files of `ui/` a start loads before its first paint: the HTML's
    style sheets and module, every module it imports statically, and the
    Today view's module with its static imports (main.js asks for it at
    once). Modules imported later (`import()`) are not followed."""
    ui = ROOT / "ui"
    html = (ui / "index.html").read_text()
    files = {"index.html", *re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)}
    todo = re.findall(r'<script type="module" src="([^"]+)"', html) + ["views/today.js"]
    while todo:
        f = todo.pop()
        if f in files:
            continue
        files.add(f)
        for dep in re.findall(r"^import [^;]*? from '([^']+)';", (ui / f).read_text(), re.M):
            todo.append(os.path.normpath(os.path.join(os.path.dirname(f), dep)))
    return sorted(files)


# Goals of issue #22, as ratios to the floor (sizes in bytes).
GOAL_START = 1.30
GOAL_IDLE = 1.15
GOAL_TOUR = 1.25
GOAL_BINARY = 2.0
GOAL_FIRST_PAINT = 60 * 1024
GOAL_UI = 200 * 1024

# The start-up marks, in the order they happen, and what each one ends.
MARKS = [
    ("MAIN", "the process is loaded and Rust's main() runs"),
    ("STORE", "the database is opened and checked"),
    ("SETUP", "plugins, the timer, the reminder, sync and the tray are set up"),
    ("HTML", "the web view has the page's HTML"),
    ("SCRIPT", "main.js runs: its style sheet and modules fetched and compiled"),
    ("PROFILE", "the first command (the profile) has answered"),
    ("READY", "Today's countdown, agenda and checkpoint are painted (the start-up figure)"),
    ("COMPLETE", "the rest of Today (rehearsal queue, practice card, profile) is painted"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-backend", action="store_true")
    args = ap.parse_args()

    build()
    env = dict(os.environ)
    xvfb = None
    if not env.get("DISPLAY"):
        xvfb = subprocess.Popen(["Xvfb", ":97", "-screen", "0", "1280x900x24"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env["DISPLAY"] = ":97"
        time.sleep(1)

    work = Path(tempfile.mkdtemp(prefix="loopready-perf-"))
    template = work / "five-years"
    template.mkdir()
    sh([str(TARGET / "release/examples/five_years"), str(template)])
    try:
        # Warm-up (untimed): page cache, fonts, and the plan Loopready
        # computes and stores on its first start on a profile.
        for launch in (lambda: launch_app(template, work, "1", env), lambda: launch_floor(env)):
            r = launch()
            r.wait_for("READY")
            time.sleep(1)
            r.stop()
        shutil.copy(work / "data" / "loopready.sqlite3", template / "loopready.sqlite3")

        # The floor as Tauri ships it, and (where Loopready sets them) the
        # floor with Loopready's WebKit switches, to show what they are worth.
        switched = app_switches_webkit()
        kinds = ("app", "floor", "floor_switched") if switched else ("app", "floor")
        start = {k: [] for k in kinds}
        idle = {k: [] for k in kinds}
        toured = []
        timelines = []
        procs = {"idle": [], "toured": [], "floor": []}
        for i in range(args.runs):
            for name in kinds:
                if name == "app":
                    r = launch_app(template, work, "1", env)
                else:
                    r = launch_floor(dict(env, **SWITCHES) if name == "floor_switched" else env)
                start[name].append(r.wait_for("READY"))
                if name == "app":
                    r.wait_for("COMPLETE")
                    timelines.append(r.timeline())
                time.sleep(SETTLE_S)
                idle[name].append(pss_kib(r.proc.pid))
                if name != "floor_switched":
                    procs["idle" if name == "app" else "floor"].append(processes(r.proc.pid))
                r.stop()
            r = launch_app(template, work, "tour", env)
            r.wait_for("TOURED")
            time.sleep(SETTLE_S)
            toured.append(pss_kib(r.proc.pid))
            procs["toured"].append(processes(r.proc.pid))
            r.stop()
            print(f"run {i + 1}: start {fmt_ms(start['app'][-1])} vs {fmt_ms(start['floor'][-1])}, "
                  f"idle {idle['app'][-1] / 1024:.1f} vs {idle['floor'][-1] / 1024:.1f} MiB, "
                  f"after every view {toured[-1] / 1024:.1f} MiB", flush=True)
    finally:
        if xvfb:
            xvfb.terminate()
        shutil.rmtree(work, ignore_errors=True)

    size_app, size_floor = APP.stat().st_size, FLOOR.stat().st_size
    ui_bytes = sum(p.stat().st_size for p in (ROOT / "ui").rglob("*") if p.is_file())
    first = first_paint_files()
    first_bytes = sum((ROOT / "ui" / f).stat().st_size for f in first if not f.endswith(".html"))
    start_ratios = [a / f for a, f in zip(start["app"], start["floor"])]
    idle_ratios = [a / f for a, f in zip(idle["app"], idle["floor"])]
    tour_ratios = [a / f for a, f in zip(toured, idle["floor"])]

    def verdict(ok):
        return "meets" if ok else "misses"

    def ratio_line(label, ratios, goal):
        med, lo, hi = stats(ratios)
        return f"| {label} | {med:.2f}× | {lo:.2f}–{hi:.2f}× | ≤ {goal:.2f}× ({verdict(med <= goal)}) |"

    sa, sf = stats(start["app"]), stats(start["floor"])
    ia, iff = stats(idle["app"]), stats(idle["floor"])
    ta = stats(toured)
    size_ratio = size_app / size_floor
    rows = [
        "| Measure | Loopready | Floor | Ratio |",
        "|---|---|---|---|",
        f"| Stripped release binary | {size_app / 1e6:.1f} MB | {size_floor / 1e6:.1f} MB | {size_ratio:.2f}× (goal ≤ {GOAL_BINARY:.2f}×, {verdict(size_ratio <= GOAL_BINARY)}) |",
        f"| Start-up to first meaningful paint (median, min–max) | {fmt_ms(sa[0])} ({fmt_ms(sa[1])}–{fmt_ms(sa[2])}) | {fmt_ms(sf[0])} ({fmt_ms(sf[1])}–{fmt_ms(sf[2])}) | see below |",
        f"| Memory, PSS of the process tree, idle after start-up | {ia[0] / 1024:.1f} MiB ({ia[1] / 1024:.1f}–{ia[2] / 1024:.1f}) | {iff[0] / 1024:.1f} MiB ({iff[1] / 1024:.1f}–{iff[2] / 1024:.1f}) | see below |",
        f"| Memory after visiting every view | {ta[0] / 1024:.1f} MiB ({ta[1] / 1024:.1f}–{ta[2] / 1024:.1f}) | (idle floor) | see below |",
        f"| UI loaded before the first paint (JS and CSS) | {first_bytes / 1024:.1f} KB | | goal ≤ {GOAL_FIRST_PAINT // 1024} KB ({verdict(first_bytes <= GOAL_FIRST_PAINT)}) |",
        f"| UI (all of `ui/`) | {ui_bytes / 1024:.1f} KB | | goal ≤ {GOAL_UI // 1024} KB ({verdict(ui_bytes <= GOAL_UI)}) |",
    ]
    ratios = [
        "| Ratio, pair by pair | Median | Spread | Goal |",
        "|---|---|---|---|",
        ratio_line("Start-up", start_ratios, GOAL_START),
        ratio_line("Memory, idle", idle_ratios, GOAL_IDLE),
        ratio_line("Memory, after every view", tour_ratios, GOAL_TOUR),
    ]
    marks = [
        "| Mark (median of the runs) | From spawn | Step | What the step did |",
        "|---|---|---|---|",
    ]
    before = 0.0
    for name, what in MARKS:
        at = [t[name] for t in timelines if name in t]
        if not at:
            continue
        med = statistics.median(at)
        marks.append(f"| {name} | {fmt_ms(med)} | {fmt_ms(med - before)} | {what} |")
        before = med
    memory = ["| Process (median PSS, MiB) | Idle | After every view | Floor, idle |", "|---|---|---|---|"]
    names = sorted({n for ps in procs.values() for p in ps for n in p})
    for n in names:
        cells = []
        for key in ("idle", "toured", "floor"):
            vals = [p.get(n, 0) for p in procs[key]]
            cells.append(f"{statistics.median(vals) / 1024:.1f}" if any(vals) else "–")
        memory.append(f"| {n} | {' | '.join(cells)} |")
    if switched:
        fs, ifs = stats(start["floor_switched"]), stats(idle["floor_switched"])
        med = lambda xs, ys: statistics.median(a / b for a, b in zip(xs, ys))
        ratios += [
            "",
            "This machine reaches no GPU, so Loopready asks WebKit to paint on the CPU "
            "without compositing layers; the floor keeps Tauri's defaults. The floor "
            f"with the same switches: start-up {fmt_ms(fs[0])}, idle {ifs[0] / 1024:.1f} MiB; "
            f"against it, start-up {med(start['app'], start['floor_switched']):.2f}×, "
            f"idle {med(idle['app'], idle['floor_switched']):.2f}×, "
            f"after every view {med(toured, idle['floor_switched']):.2f}×.",
        ]
    files = [f"Loaded before the first paint: {', '.join(f'`{f}`' for f in first)}."]
    backend = "" if args.no_backend else backend_table()
    write_report(rows, ratios, marks, memory, files, backend, args.runs)


def write_report(rows, ratios, marks, memory, files, backend, runs):
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else ""
    marker = "<!-- figures below are written by perf/run.py -->"
    head = text.split(marker)[0].rstrip() + "\n\n" if marker in text else ""
    body = [
        marker,
        "",
        f"## Latest figures ({time.strftime('%Y-%m-%d')}, {runs} A/B runs)",
        "",
        f"Machine: {machine()}.",
        "",
        *rows,
        "",
        *ratios,
        "",
        *files,
        "",
        "### Where start-up goes",
        "",
        *marks,
        "",
        "### Memory by process",
        "",
        *memory,
        "",
    ]
    if backend:
        body += ["### Backend: every IPC command on the five-year database", "", "```", backend, "```", ""]
    path.write_text(head + "\n".join(body))
    print("\n".join(body))


if __name__ == "__main__":
    sys.exit(main())
