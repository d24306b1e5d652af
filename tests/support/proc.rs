//! Child processes for the crash tests: this test binary run again for one
//! ignored child test, fed a data folder through the environment, read line
//! by line ("ack <id>") and killed with SIGKILL.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const DIR_ENV: &str = "LOOPREADY_CRASH_DIR";

/// The full name of the child test `name` declared in `module` (the
/// caller's `module_path!()`, whose first part is the crate), for `--exact`.
pub fn test_path(module: &str, name: &str) -> String {
    format!("{}::{name}", module.split_once("::").map_or("", |(_, m)| m))
}

/// The arguments that run the child test at `path` alone, printing.
pub fn child_args(path: &str) -> [&str; 5] {
    [
        "--ignored",
        "--exact",
        path,
        "--nocapture",
        "--test-threads=1",
    ]
}

/// This test binary run again for the child test at `path` alone.
pub fn child_at(path: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(child_args(path))
        .env(DIR_ENV, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    cmd
}

/// A deterministic pause for cycle `n`: 5 to 150 ms.
pub fn pause(n: u64) -> Duration {
    let x = n
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    Duration::from_millis(5 + (x >> 33) % 146)
}

/// Reads "ack <id>" lines until `deadline`, then kills the child.
pub fn acks_until_killed(proc: Child, deadline: Instant) -> Vec<String> {
    acks_until_all_killed(vec![proc], deadline)
}

/// Reads "ack <id>" lines from every child until `deadline`, then kills
/// each with SIGKILL: its whole process group when it leads one (spawned
/// with `process_group(0)`), so the processes it started die with it.
pub fn acks_until_all_killed(procs: Vec<Child>, deadline: Instant) -> Vec<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut procs = procs;
    for proc in &mut procs {
        let stdout = proc.stdout.take().unwrap();
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);
    let mut acks = Vec::new();
    let mut take = |line: String| {
        if let Some(id) = line.strip_prefix("ack ") {
            acks.push(id.to_string());
        }
    };
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(2)) {
            take(line);
        }
    }
    for proc in &mut procs {
        // The group first (a no-op when the child leads none), then the child.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", proc.id())])
            .stderr(Stdio::null())
            .status();
        let _ = proc.kill(); // SIGKILL
        proc.wait().unwrap();
    }
    // Lines already written before the kill still count as acknowledged.
    while let Ok(line) = rx.recv_timeout(Duration::from_millis(50)) {
        take(line);
    }
    acks
}
