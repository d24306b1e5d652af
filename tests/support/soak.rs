//! The soak's counts and its report. Every soak test runs in CI with the
//! small count written beside it; `scripts/soak.sh` runs the same code with
//! the full counts (`LOOPREADY_SOAK_<NAME>`) and collects what each test
//! appends to `LOOPREADY_SOAK_REPORT` into BENCHMARKS.md.
#![allow(dead_code)]

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The count for `name`: `LOOPREADY_SOAK_<NAME>` when set, else `ci`.
pub fn count(name: &str, ci: u64) -> u64 {
    std::env::var(format!("LOOPREADY_SOAK_{}", name.to_uppercase()))
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ci)
}

/// Appends one line of figures for `case` to the report, when one is asked for.
pub fn report(case: &str, figures: serde_json::Value) {
    let Some(path) = std::env::var_os("LOOPREADY_SOAK_REPORT") else {
        return;
    };
    let line = serde_json::json!({ "case": case, "figures": figures });
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("the soak report can be written");
    writeln!(file, "{line}").expect("the soak report can be written");
}

/// A small deterministic generator (SplitMix64), so a failing case can be
/// replayed from its number.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Makes `dir` read-only: a read-only bind mount where we may mount (root
/// ignores permission bits), else its permission bits.
pub fn make_read_only(dir: &Path) {
    let mounted = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"mount --bind "$0" "$0" && mount -o remount,bind,ro "$0""#)
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        std::fs::set_permissions(dir, PermissionsExt::from_mode(0o555)).unwrap();
    }
    assert!(
        std::fs::write(dir.join("probe"), b"").is_err(),
        "{} could not be made read-only",
        dir.display()
    );
}

pub fn make_writable(dir: &Path) {
    // Lazily: a process still holding files there keeps its view.
    let _ = std::process::Command::new("umount")
        .arg("-l")
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status();
    let _ = std::fs::set_permissions(dir, PermissionsExt::from_mode(0o755));
}
