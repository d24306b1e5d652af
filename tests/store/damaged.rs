//! The soak's damaged starts: a data folder with stories, log entries, two
//! backups and recent commits still in the write-ahead log is damaged one
//! way or another (the database truncated at a random offset, bytes flipped
//! in random pages, the log torn, a garbage `-shm`, the newest backup
//! damaged too, a garbled saved round, a read-only folder), then opened as
//! the app opens it. Each start either has everything or says what happened
//! and what was restored (or, for a read-only folder, that nothing can be
//! saved there); a second start opens without a new word (no loop).
//!
//! `LOOPREADY_SOAK_STARTS` cases (CI runs a few; `scripts/soak.sh` 300+).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use loopready::practice::{Activity, Entry};
use loopready::store::backup::{self, backup_dir};
use loopready::store::{self, Store};
use loopready::stories::StoryDraft;
use serde_json::json;

use crate::soak::{self, Rng};

const DB: &str = "loopready.sqlite3";

/// Rows in the folder's three stages: in the older backup, in the newer
/// backup (and checkpointed into the file), and in all (the last ones only
/// in the write-ahead log).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Counts {
    stories: usize,
    entries: usize,
}

fn counts(s: &Store) -> Counts {
    Counts {
        stories: store::stories::list(s).unwrap().len(),
        entries: store::practice::list(s).unwrap().len(),
    }
}

fn add(s: &Store, n: usize) {
    for i in 0..n {
        let draft = StoryDraft {
            title: format!("Story {i}"),
            action: "I did the thing, and here is how. ".repeat(30),
            ..StoryDraft::default()
        };
        store::stories::create(s, &draft, "soak").unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
            + chrono::Days::new(i as u64 % 30);
        let entry = Entry::new(day, Activity::LpStudy { minutes: 15 });
        store::practice::add(s, &entry, None).unwrap();
    }
}

/// The folder every case starts from, and its three stages.
fn template(dir: &Path) -> [Counts; 3] {
    let s = Store::open(&dir.join(DB)).unwrap();
    add(&s, 20);
    let older = counts(&s);
    let at = |d| Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap();
    backup::create(&s, &backup_dir(dir), at(1), "auto").unwrap();
    add(&s, 20);
    let newer = counts(&s);
    backup::create(&s, &backup_dir(dir), at(2), "auto").unwrap();
    s.checkpoint().unwrap();
    s.defer_checkpoints().unwrap();
    add(&s, 10);
    let all = counts(&s);
    // The process ends without closing (the log stays beside the file).
    std::mem::forget(s);
    [older, newer, all]
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Flips one bit in each of `n` random bytes; says where.
fn flip_bytes(path: &Path, rng: &mut Rng, n: usize) -> String {
    let mut bytes = std::fs::read(path).unwrap();
    let pages = (bytes.len() / 4096).max(1);
    let mut at_all = Vec::new();
    for _ in 0..n {
        let page = rng.below(pages);
        let at = (page * 4096 + rng.below(4096)).min(bytes.len() - 1);
        bytes[at] ^= 1 << rng.below(8);
        at_all.push(at);
    }
    std::fs::write(path, bytes).unwrap();
    format!("bytes flipped at {at_all:?}")
}

fn truncate(path: &Path, rng: &mut Rng) {
    let len = std::fs::metadata(path).unwrap().len();
    let at = rng.next() % (len + 1);
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(at)
        .unwrap();
}

const KINDS: [&str; 7] = [
    "database truncated",
    "bytes flipped in the database",
    "write-ahead log torn",
    "garbage -shm",
    "database and newest backup damaged",
    "saved round garbled",
    "read-only folder",
];

/// What one start did.
#[derive(Debug)]
enum Outcome {
    Everything,
    /// Rolled back to the last whole commit in a torn log, without a word
    /// (what SQLite does for a log torn by a crash mid-write).
    LastWholeCommit,
    RestoredAndSaid,
    EmptyAndSaid,
    /// Opened to read, and said that nothing can be saved there.
    ReadOnlyAndSaid,
    RefusedWithReason,
}

#[test]
fn soak_damaged_starts_open_whole_or_say_what_was_restored() {
    let cases = soak::count("starts", 35);
    let root = tempfile::tempdir().unwrap();
    let base = root.path().join("template");
    std::fs::create_dir_all(&base).unwrap();
    let [older, newer, all] = template(&base);
    let mut rng = Rng::new(0x00da_4a9e);
    let mut tally: BTreeMap<String, u64> = BTreeMap::new();
    let started = Instant::now();
    for case in 0..cases {
        let kind = KINDS[case as usize % KINDS.len()];
        let dir = root.path().join(format!("case-{case}"));
        copy_dir(&base, &dir);
        let db = dir.join(DB);
        let wal = dir.join(format!("{DB}-wal"));
        let mut damage = String::new();
        match kind {
            "database truncated" => truncate(&db, &mut rng),
            "bytes flipped in the database" => {
                let n = 1 + rng.below(16);
                damage = flip_bytes(&db, &mut rng, n);
            }
            "write-ahead log torn" => truncate(&wal, &mut rng),
            "garbage -shm" => {
                let garbage: Vec<u8> = (0..32_768).map(|_| rng.next() as u8).collect();
                std::fs::write(dir.join(format!("{DB}-shm")), garbage).unwrap();
            }
            "database and newest backup damaged" => {
                std::fs::write(&db, b"scribbled over").unwrap();
                let backups = backup::list(&backup_dir(&dir)).unwrap();
                let newest = backup_dir(&dir).join(&backups[0].file);
                if rng.below(2) == 0 {
                    truncate(&newest, &mut rng);
                } else {
                    std::fs::write(&newest, b"").unwrap();
                }
            }
            "saved round garbled" => {
                let conn = rusqlite::Connection::open(&db).unwrap();
                conn.execute(
                    "INSERT OR REPLACE INTO timer_live (id, session_json, updated_at)
                     VALUES (1, ?1, '2026-11-20T09:00:00Z')",
                    [["{\"template\": 3}", "\"text\"", "{}", "[1,2]"][rng.below(4)]],
                )
                .unwrap();
            }
            _ => soak::make_read_only(&dir),
        }

        let outcome = match backup::open_with_recovery(&dir, Utc::now()) {
            Err(e) => {
                let said = e.to_string();
                assert!(
                    kind == "read-only folder",
                    "case {case} ({kind}) was refused: {said}"
                );
                assert!(
                    said.contains("could not be read or written") || said.contains("ermission"),
                    "case {case}: the refusal says why: {said}"
                );
                Outcome::RefusedWithReason
            }
            Ok((s, mut notices)) => {
                let got = counts(&s);
                let said_read_only = notices.iter().any(|n| n.contains("cannot write"));
                notices.retain(|n| !n.contains("cannot write"));
                assert_eq!(said_read_only, kind == "read-only folder", "case {case}");
                let outcome = if said_read_only {
                    assert_eq!(got, all, "case {case}: everything can be read");
                    Outcome::ReadOnlyAndSaid
                } else if notices.is_empty() {
                    if got == all {
                        Outcome::Everything
                    } else if kind == "write-ahead log torn"
                        && got.stories >= newer.stories
                        && got.entries >= newer.entries
                    {
                        Outcome::LastWholeCommit
                    } else {
                        panic!("case {case} ({kind}): a silent loss, {got:?} of {all:?}");
                    }
                } else if notices[0].contains("started empty") {
                    assert_eq!(got.stories, 0, "case {case}");
                    Outcome::EmptyAndSaid
                } else {
                    let expect = if kind == "database and newest backup damaged" {
                        older
                    } else {
                        newer
                    };
                    assert_eq!(got, expect, "case {case} ({kind}): {notices:?}");
                    assert!(notices[0].contains("restored the backup"), "{notices:?}");
                    Outcome::RestoredAndSaid
                };
                if kind == "saved round garbled" {
                    assert!(
                        store::timer::live(&s).is_err(),
                        "case {case}: a garbled round is reported, not read as none"
                    );
                }
                let sound = rusqlite::Connection::open(dir.join(DB)).unwrap();
                let check: Vec<String> = sound
                    .prepare("PRAGMA quick_check")
                    .and_then(|mut st| {
                        st.query_map([], |r| r.get(0))?
                            .collect::<Result<Vec<String>, _>>()
                    })
                    .unwrap_or_else(|e| vec![e.to_string()]);
                assert_eq!(check, ["ok"], "case {case} ({kind}, {outcome:?}): {damage}");
                drop(s);
                // The next start opens quietly with the same rows: no loop.
                let (again, mut notices) = backup::open_with_recovery(&dir, Utc::now()).unwrap();
                notices.retain(|n| !(said_read_only && n.contains("cannot write")));
                assert!(notices.is_empty(), "case {case}: {notices:?}");
                assert_eq!(counts(&again), got, "case {case}");
                outcome
            }
        };
        *tally.entry(format!("{kind}: {outcome:?}")).or_default() += 1;
        soak::make_writable(&dir);
        let _ = std::fs::remove_dir_all(&dir);
    }
    let secs = started.elapsed().as_secs_f64();
    println!("{cases} damaged starts in {secs:.1} s: {tally:#?}");
    soak::report(
        "starts",
        json!({ "cases": cases, "silent_losses": 0, "outcomes": tally, "seconds": secs.round() }),
    );
}
