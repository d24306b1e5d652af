//! The layering rules of `ARCHITECTURE.md`, checked on the source text so a
//! change that breaks one fails `cargo test` rather than a later review:
//!
//! - the domain folders (`plan`, `practice`, `problems`, `stories`, `timer`)
//!   use neither Tauri, SQLite nor any layer above them;
//! - `store/` uses neither Tauri nor the service, command, shell or CLI layers;
//! - `service/` uses neither Tauri nor the command, shell or CLI layers, and
//!   the CLI reaches the app through the service layer, never `commands::`;
//! - no two files of the crate use each other (a parent module and its own
//!   children excepted: that is how Rust modules are declared);
//! - only the CLI prints; everything else logs;
//! - a command file stays a thin adapter: a new one may not pass
//!   [`COMMAND_FILE_MAX_LINES`], and the older, larger ones may only shrink.
//!
//! The checker is plain text matching over `use` paths (comments skipped),
//! which is all these rules need; its own tests feed it a small synthetic
//! crate that breaks each rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lines a command file may have: room for a handful of commands that each
/// parse, call one service and return.
const COMMAND_FILE_MAX_LINES: usize = 150;

/// Lines of a command file that could hold a rule: the handler list (one
/// line per registered command) is not counted.
fn rule_lines(text: &str) -> usize {
    let mut in_list = false;
    let mut n = 0;
    for line in text.lines() {
        if line.contains("generate_handler![") {
            in_list = true;
        } else if in_list {
            in_list = !line.trim_start().starts_with(']');
        } else {
            n += 1;
        }
    }
    n
}

/// Command files that were larger than the limit when the limit was set, with
/// their size then. They may shrink, never grow; lower a figure when a file
/// shrinks and drop it once the file is under the limit.
const GRANDFATHERED: &[(&str, usize)] = &[
    ("commands/rehearsal.rs", 266),
    ("commands/stories.rs", 269),
    ("commands/system.rs", 202),
    ("commands/timer.rs", 349),
];

const DOMAIN: &[&str] = &["plan", "practice", "problems", "stories", "timer"];
const UPPER: &[&str] = &["store", "service", "commands", "shell", "cli"];

/// One source file: its path under `src-tauri/` and its text.
struct Source {
    path: String,
    text: String,
}

impl Source {
    /// The module path the file declares, `""` for the crate root.
    fn module(&self) -> String {
        let stem = self.path.trim_end_matches(".rs");
        let mut parts: Vec<&str> = stem.split('/').collect();
        if matches!(parts.last(), Some(&"mod" | &"lib" | &"main")) {
            parts.pop();
        }
        parts.join("::")
    }

    fn top(&self) -> &str {
        self.path
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".rs")
    }

    /// The lines that are code, not comments.
    fn code(&self) -> impl Iterator<Item = (usize, &str)> {
        self.text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim_start().starts_with("//"))
            .map(|(i, l)| (i + 1, l))
    }
}

/// Every rule broken, one line each.
fn violations(sources: &[Source]) -> Vec<String> {
    let mut found = Vec::new();
    for s in sources {
        let top = s.top();
        if DOMAIN.contains(&top) {
            forbid(s, &["tauri", "rusqlite"], UPPER, &mut found);
        } else if top == "store" {
            forbid(
                s,
                &["tauri"],
                &["service", "commands", "shell", "cli"],
                &mut found,
            );
        } else if top == "service" {
            forbid(s, &["tauri"], &["commands", "shell", "cli"], &mut found);
        } else if top == "cli" {
            forbid(s, &[], &["commands"], &mut found);
        }
        if top != "cli" {
            for (n, line) in s.code() {
                let prints = line.contains("println!(") || line.contains("eprintln!(");
                if prints && !line.contains("STARTUP-") {
                    found.push(format!("{}:{n}: prints; log it instead", s.path));
                }
            }
        }
        if top == "commands" {
            let lines = rule_lines(&s.text);
            let allowed = GRANDFATHERED
                .iter()
                .find(|(p, _)| *p == s.path)
                .map_or(COMMAND_FILE_MAX_LINES, |(_, n)| *n);
            if lines > allowed {
                found.push(format!(
                    "{}: {lines} lines, at most {allowed}: move the rule into a service",
                    s.path
                ));
            }
        }
    }
    found.extend(cycles(sources));
    found
}

/// Records each `use` of an external crate in `crates` or of a crate module
/// in `layers` made by `s`.
fn forbid(s: &Source, crates: &[&str], layers: &[&str], found: &mut Vec<String>) {
    for (n, line) in s.code() {
        for c in crates {
            let external = line.contains(&format!("{c}::"))
                && !line.contains(&format!("crate::{c}::"))
                && !line.contains(&format!("_{c}::"));
            if external {
                found.push(format!("{}:{n}: uses `{c}`", s.path));
            }
        }
        for l in layers {
            if line.contains(&format!("crate::{l}::")) || line.contains(&format!("crate::{l};")) {
                found.push(format!("{}:{n}: uses the `{l}` layer", s.path));
            }
        }
    }
}

/// Pairs of modules that use each other.
fn cycles(sources: &[Source]) -> Vec<String> {
    let modules: BTreeSet<String> = sources.iter().map(Source::module).collect();
    let resolve = |path: &str| -> Option<String> {
        let mut parts: Vec<&str> = path.split("::").collect();
        while !parts.is_empty() {
            let candidate = parts.join("::");
            if modules.contains(&candidate) {
                return Some(candidate);
            }
            parts.pop();
        }
        None
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in sources {
        let here = s.module();
        let parent = match here.rsplit_once("::") {
            Some((p, _)) => p.to_owned(),
            None => String::new(),
        };
        for (_, line) in s.code() {
            for (prefix, base) in [("crate::", String::new()), ("super::", parent.clone())] {
                for (i, _) in line.match_indices(prefix) {
                    if prefix == "super::" && line[..i].ends_with("::") {
                        continue;
                    }
                    let rest: String = line[i + prefix.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                        .collect();
                    let full = if base.is_empty() {
                        rest
                    } else {
                        format!("{base}::{rest}")
                    };
                    if let Some(target) = resolve(full.trim_end_matches(':')) {
                        if target != here {
                            edges.entry(here.clone()).or_default().insert(target);
                        }
                    }
                }
            }
        }
    }
    let related = |a: &str, b: &str| {
        a.is_empty()
            || b.is_empty()
            || a.starts_with(&format!("{b}::"))
            || b.starts_with(&format!("{a}::"))
    };
    let mut found = Vec::new();
    for (a, targets) in &edges {
        for b in targets {
            let back = edges.get(b).is_some_and(|t| t.contains(a));
            if back && a < b && !related(a, b) {
                found.push(format!("`{a}` and `{b}` use each other"));
            }
        }
    }
    found
}

/// Every `.rs` file under `dir`, paths relative to `root`.
fn read_tree(root: &Path, dir: &Path, out: &mut Vec<Source>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_tree(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(Source {
                path: rel.to_string_lossy().replace('\\', "/"),
                text: std::fs::read_to_string(&path).unwrap_or_default(),
            });
        }
    }
}

#[test]
fn the_crate_keeps_its_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    let mut sources = Vec::new();
    read_tree(&root, &root, &mut sources);
    assert!(
        sources.len() > 50,
        "the source tree was not found at {root:?}"
    );
    // The checker itself names what it looks for.
    sources.retain(|s| s.path != "architecture.rs");
    let broken = violations(&sources);
    assert!(
        broken.is_empty(),
        "architecture rules broken:\n{}",
        broken.join("\n")
    );
}

#[cfg(test)]
mod checker {
    use super::*;

    fn src(path: &str, text: &str) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_clean_crate_passes() {
        let crate_ = [
            src("lib.rs", "pub mod plan;\npub mod store;\n"),
            src("plan/mod.rs", "pub mod a;\npub use a::X;\n"),
            src(
                "plan/a.rs",
                "use super::X;\n// crate::store::y in a comment is fine\n",
            ),
            src(
                "store/mod.rs",
                "use crate::plan::a::X;\nuse rusqlite::Connection;\n",
            ),
            src("cli.rs", "use crate::service::plan;\nprintln!(\"ok\");\n"),
            // The handler list holds a line per command, not a rule.
            src(
                "commands/mod.rs",
                &format!(
                    "tauri::generate_handler![\n{}    ]\n",
                    "        a::b,\n".repeat(COMMAND_FILE_MAX_LINES + 1)
                ),
            ),
        ];
        assert_eq!(violations(&crate_), Vec::<String>::new());
    }

    #[test]
    fn each_rule_fails_when_broken() {
        let long = "fn f() {}\n".repeat(COMMAND_FILE_MAX_LINES + 1);
        let crate_ = [
            src("plan/a.rs", "use tauri::State;\nuse crate::store::Store;\n"),
            src("stories/b.rs", "fn f(c: &rusqlite::Connection) {}\n"),
            src("store/mod.rs", "use crate::commands::today;\n"),
            src("service/x.rs", "use crate::shell::paths;\n"),
            src("cli.rs", "use crate::commands::profile::ProfileView;\n"),
            src("timer/c.rs", "use super::d::Y;\neprintln!(\"lost\");\n"),
            src("timer/d.rs", "use crate::timer::c::Z;\n"),
            src("commands/new.rs", &long),
            src("commands/timer.rs", &"x\n".repeat(350)),
        ];
        let broken = violations(&crate_);
        let expect = [
            "plan/a.rs:1: uses `tauri`",
            "plan/a.rs:2: uses the `store` layer",
            "stories/b.rs:1: uses `rusqlite`",
            "store/mod.rs:1: uses the `commands` layer",
            "service/x.rs:1: uses the `shell` layer",
            "cli.rs:1: uses the `commands` layer",
            "timer/c.rs:2: prints; log it instead",
            "commands/new.rs: 151 lines, at most 150",
            "commands/timer.rs: 350 lines, at most 349",
            "`timer::c` and `timer::d` use each other",
        ];
        for e in expect {
            assert!(
                broken.iter().any(|b| b.starts_with(e)),
                "{e} not found in {broken:#?}"
            );
        }
        assert_eq!(broken.len(), expect.len(), "{broken:#?}");
    }
}
