//! Crash safety, with real processes: a writer is killed with SIGKILL at
//! random moments, over and over, and every write it acknowledged must be
//! there afterwards in a sound database; a backup loop is killed the same
//! way and leaves only whole backups; a write that hits a full disk (a
//! file-size limit) fails with a clear error and loses nothing committed.
//!
//! The writers are this test binary run again with `--ignored --exact
//! <child>` and an environment variable naming the data folder.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::Utc;
use loopready::practice::Entry;
use loopready::store::{self, Store};
use loopready::stories::StoryDraft;

use crate::proc::{self, acks_until_killed, child_args, child_at, pause, DIR_ENV};

const CYCLES: u64 = 60;

/// A child test's full name in this crate (`crash::name`), for `--exact`.
fn test_path(name: &str) -> String {
    proc::test_path(module_path!(), name)
}

fn child(name: &str, dir: &Path) -> Command {
    child_at(&test_path(name), dir)
}

pub fn entry(n: u64) -> Entry {
    serde_json::from_value(serde_json::json!({
        "date": "2026-11-20", "kind": "lp-study", "minutes": 15 + (n % 30)
    }))
    .unwrap()
}

#[test]
#[ignore = "run by sigkill_never_loses_an_acknowledged_write"]
fn writer_child() {
    let Some(dir) = std::env::var_os(DIR_ENV) else {
        return;
    };
    let s = Store::open(&PathBuf::from(dir).join("loopready.sqlite3")).unwrap();
    for n in 0u64.. {
        let id = if n % 2 == 0 {
            let draft = StoryDraft {
                title: format!("Story {n}"),
                action: "I wrote this before the crash.".repeat(20),
                ..StoryDraft::default()
            };
            store::stories::create(&s, &draft, &format!("s{n}"))
                .unwrap()
                .id
        } else {
            store::practice::add(&s, &entry(n), None).unwrap().id
        };
        println!("ack {id}");
    }
}

#[test]
fn sigkill_never_loses_an_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut acked = Vec::new();
    for cycle in 0..CYCLES {
        let proc = child("writer_child", dir.path()).spawn().unwrap();
        acked.extend(acks_until_killed(proc, Instant::now() + pause(cycle)));
    }
    let s = Store::open(&dir.path().join("loopready.sqlite3")).unwrap();
    let check = rusqlite::Connection::open(dir.path().join("loopready.sqlite3")).unwrap();
    assert!(
        store::backup::is_sound(&check),
        "quick_check after {CYCLES} kills"
    );
    let mut present: std::collections::HashSet<String> = store::stories::list(&s)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    present.extend(store::practice::list(&s).unwrap().into_iter().map(|r| r.id));
    let lost: Vec<&String> = acked.iter().filter(|id| !present.contains(*id)).collect();
    println!(
        "{CYCLES} SIGKILL cycles, {} acknowledged writes, {} lost",
        acked.len(),
        lost.len()
    );
    assert!(acked.len() > CYCLES as usize, "the writer got going");
    assert!(lost.is_empty(), "lost acknowledged writes: {lost:?}");
}

#[test]
#[ignore = "run by a_killed_backup_leaves_only_whole_backups"]
fn backup_child() {
    let Some(dir) = std::env::var_os(DIR_ENV) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let s = Store::open(&dir.join("loopready.sqlite3")).unwrap();
    let backups = store::backup::backup_dir(&dir);
    for n in 0i64.. {
        let at = Utc::now() + chrono::Duration::seconds(n);
        let made = store::backup::create(&s, &backups, at, "auto").unwrap();
        println!("ack {}", made.file);
    }
}

#[test]
fn a_killed_backup_leaves_only_whole_backups() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(&dir.path().join("loopready.sqlite3")).unwrap();
        for n in 0..300 {
            store::practice::add(&s, &entry(n), None).unwrap();
        }
    }
    let mut acked = Vec::new();
    for cycle in 0..20 {
        let proc = child("backup_child", dir.path()).spawn().unwrap();
        acked.extend(acks_until_killed(proc, Instant::now() + pause(cycle + 100)));
    }
    let backups = store::backup::backup_dir(dir.path());
    let listed = store::backup::list(&backups).unwrap();
    for b in &listed {
        let conn = rusqlite::Connection::open(backups.join(&b.file)).unwrap();
        assert!(store::backup::is_sound(&conn), "{} is damaged", b.file);
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM practice_entry", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 300, "{} lacks rows", b.file);
    }
    for name in &acked {
        assert!(
            listed.iter().any(|b| &b.file == name),
            "acknowledged backup {name} is gone"
        );
    }
    assert!(!acked.is_empty());
}

#[test]
#[ignore = "run by a_full_disk_fails_visibly_and_loses_nothing"]
fn full_disk_child() {
    let Some(dir) = std::env::var_os(DIR_ENV) else {
        return;
    };
    let s = Store::open(&PathBuf::from(dir).join("loopready.sqlite3")).unwrap();
    for n in 0u64.. {
        let draft = StoryDraft {
            title: format!("Story {n}"),
            action: "A long paragraph of action. ".repeat(200),
            ..StoryDraft::default()
        };
        match store::stories::create(&s, &draft, &format!("s{n}")) {
            Ok(r) => println!("ack {}", r.id),
            Err(e) => {
                println!("refused {e}");
                return;
            }
        }
    }
}

#[test]
fn a_full_disk_fails_visibly_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Create the database first, then write under a 2 MB file-size limit
    // with SIGXFSZ ignored, so writes past it fail with EFBIG as on a full
    // disk instead of killing the process.
    drop(Store::open(&dir.path().join("loopready.sqlite3")).unwrap());
    let out = with_file_limit(
        2048,
        &std::env::current_exe().unwrap(),
        &child_args(&test_path("full_disk_child")),
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let acked: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("ack "))
        .collect();
    let refused = text
        .lines()
        .find_map(|l| l.strip_prefix("refused "))
        .expect("a write was refused at the limit");
    assert!(
        refused.contains("could not be read or written"),
        "the error says what happened: {refused}"
    );
    assert!(acked.len() > 10, "{} writes before the limit", acked.len());

    let s = Store::open(&dir.path().join("loopready.sqlite3")).unwrap();
    let check = rusqlite::Connection::open(dir.path().join("loopready.sqlite3")).unwrap();
    assert!(store::backup::is_sound(&check));
    let present: std::collections::HashSet<String> = store::stories::list(&s)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    for id in acked {
        assert!(present.contains(id), "committed story {id} was lost");
    }
}

/// Runs `program args` with files limited to `kb` KiB and SIGXFSZ ignored:
/// a write past the limit fails with EFBIG, as on a full disk.
fn with_file_limit(kb: u64, program: &Path, args: &[&str], dir: &Path) -> std::process::Output {
    Command::new("bash")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {kb}; exec \"$@\""))
        .arg("limited")
        .arg(program)
        .args(args)
        .env(DIR_ENV, dir)
        .output()
        .unwrap()
}

/// Every file in `dir` (not below it, and not SQLite's empty side files of
/// a file opened to read) with a hash of its bytes.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, u64> {
    use std::hash::{Hash, Hasher};
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .filter(|e| {
            !(e.metadata().unwrap().len() == 0 && e.file_name().to_string_lossy().ends_with("-wal"))
        })
        .filter(|e| !e.file_name().to_string_lossy().ends_with("-shm"))
        .map(|e| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(e.path()).unwrap().hash(&mut h);
            (e.file_name().to_string_lossy().into_owned(), h.finish())
        })
        .collect()
}

/// A data folder of about 3 MB with one backup taken.
fn three_megabytes(dir: &Path) -> usize {
    let s = Store::open(&dir.join("loopready.sqlite3")).unwrap();
    for n in 0..150 {
        let draft = StoryDraft {
            title: format!("Story {n}"),
            action: "A long paragraph of action, kept for the interview. ".repeat(400),
            ..StoryDraft::default()
        };
        store::stories::create(&s, &draft, "fill").unwrap();
    }
    store::backup::create(&s, &store::backup::backup_dir(dir), Utc::now(), "manual").unwrap();
    s.checkpoint().unwrap();
    store::stories::list(&s).unwrap().len()
}

#[test]
#[ignore = "run by a_full_disk_during_a_backup_keeps_the_old_backups_and_the_data"]
fn backup_once_child() {
    let Some(dir) = std::env::var_os(DIR_ENV) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let s = Store::open(&dir.join("loopready.sqlite3")).unwrap();
    let later = Utc::now() + chrono::Duration::hours(1);
    match store::backup::create(&s, &store::backup::backup_dir(&dir), later, "manual") {
        Ok(b) => println!("made {}", b.file),
        Err(e) => println!("refused {e}"),
    }
}

#[test]
fn a_full_disk_during_a_backup_keeps_the_old_backups_and_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let stories = three_megabytes(dir.path());
    let backups = store::backup::backup_dir(dir.path());
    let before = snapshot(&backups);
    let out = with_file_limit(
        1024,
        &std::env::current_exe().unwrap(),
        &child_args(&test_path("backup_once_child")),
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let refused = text
        .lines()
        .find_map(|l| l.split_once("refused ").map(|(_, e)| e))
        .unwrap_or_else(|| panic!("the backup was refused: {text}"));
    assert!(
        refused.contains("could not be read or written"),
        "{refused}"
    );
    // The old backup is as it was, and no half backup takes up the space.
    assert_eq!(snapshot(&backups), before, "the backups folder changed");
    let s = Store::open(&dir.path().join("loopready.sqlite3")).unwrap();
    assert!(store::backup::is_sound(
        &rusqlite::Connection::open(dir.path().join("loopready.sqlite3")).unwrap()
    ));
    assert_eq!(store::stories::list(&s).unwrap().len(), stories);
}

#[test]
fn a_full_disk_during_an_export_says_so_and_keeps_the_older_export() {
    let dir = tempfile::tempdir().unwrap();
    three_megabytes(dir.path());
    let out_dir = dir.path().join("exports");
    std::fs::create_dir_all(&out_dir).unwrap();
    let file = out_dir.join("loopready.json");
    std::fs::write(&file, b"{\"an older export\": true}").unwrap();
    let before = snapshot(&out_dir);
    let data = dir.path().to_string_lossy().into_owned();
    let target = file.to_string_lossy().into_owned();
    let out = with_file_limit(
        1024,
        Path::new(env!("CARGO_BIN_EXE_loopready")),
        &[
            "--data-dir",
            &data,
            "export",
            "--out",
            &target,
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert!(!out.status.success(), "the export was refused");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("could not be read or written") && said.contains("nothing was written"),
        "{said}"
    );
    assert_eq!(snapshot(&out_dir), before, "the older export was touched");
}

#[test]
#[ignore = "run by a_full_disk_during_an_upgrade_leaves_the_older_file_whole"]
fn upgrade_child() {
    let Some(dir) = std::env::var_os(DIR_ENV) else {
        return;
    };
    match store::backup::open_with_recovery(&PathBuf::from(dir), Utc::now()) {
        Ok(_) => println!("upgraded"),
        Err(e) => println!("refused {e}"),
    }
}

/// The schema change at start, under limits from none to plenty: each start
/// either upgrades with every story, or says why and leaves the older file
/// whole (its version, its rows) for the next try.
#[test]
fn a_full_disk_during_an_upgrade_leaves_the_older_file_whole() {
    let base = tempfile::tempdir().unwrap();
    let db = base.path().join("loopready.sqlite3");
    // A file as the previous schema left it, with stories in it.
    Store::create_at_version(&db, 18).unwrap();
    {
        let s = Store::open_unmigrated(&db).unwrap();
        for n in 0..60 {
            let draft = StoryDraft {
                title: format!("Story {n}"),
                action: "Written before the upgrade. ".repeat(400),
                ..StoryDraft::default()
            };
            store::stories::create(&s, &draft, "old").unwrap();
        }
        s.checkpoint().unwrap();
    }
    let size_kb = std::fs::metadata(&db).unwrap().len() / 1024;
    let mut outcomes = Vec::new();
    for kb in [0, size_kb / 2, size_kb + 8, size_kb * 2, size_kb * 8] {
        let dir = tempfile::tempdir().unwrap();
        for f in ["loopready.sqlite3", "loopready.sqlite3-wal"] {
            if base.path().join(f).exists() {
                std::fs::copy(base.path().join(f), dir.path().join(f)).unwrap();
            }
        }
        let out = with_file_limit(
            kb,
            &std::env::current_exe().unwrap(),
            &child_args(&test_path("upgrade_child")),
            dir.path(),
        );
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let s = Store::open_unmigrated(&dir.path().join("loopready.sqlite3")).unwrap();
        assert!(store::backup::is_sound(
            &rusqlite::Connection::open(dir.path().join("loopready.sqlite3")).unwrap()
        ));
        let version = s.schema_version().unwrap();
        let stories: i64 = rusqlite::Connection::open(dir.path().join("loopready.sqlite3"))
            .unwrap()
            .query_row("SELECT count(*) FROM story", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stories, 60, "limit {kb} KiB: {text}");
        if let Some(refused) = text
            .lines()
            .find_map(|l| l.split_once("refused ").map(|(_, e)| e))
        {
            assert!(
                refused.contains("could not be read or written"),
                "{refused}"
            );
            assert_eq!(
                version, 18,
                "limit {kb} KiB: a refused upgrade leaves the old schema"
            );
            outcomes.push((kb, "refused"));
        } else {
            assert!(text.contains("upgraded"), "limit {kb} KiB: {text}");
            assert!(version > 18);
            outcomes.push((kb, "upgraded"));
        }
        // Every backup left beside it opens.
        let backups = store::backup::backup_dir(dir.path());
        for b in store::backup::list(&backups).unwrap_or_default() {
            let c = rusqlite::Connection::open(backups.join(&b.file)).unwrap();
            assert!(store::backup::is_sound(&c), "{}", b.file);
        }
        assert!(
            std::fs::read_dir(&backups).map_or(true, |d| d
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .all(|n| !n.ends_with(".partial"))),
            "limit {kb} KiB: a half backup was left"
        );
    }
    println!("upgrade under file limits: {outcomes:?}");
    assert!(outcomes.iter().any(|(_, o)| *o == "refused"));
    assert!(outcomes.iter().any(|(_, o)| *o == "upgraded"));
}
