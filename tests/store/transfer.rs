//! Export and import: a full round trip gives the same document; merge
//! keeps both sides; every refused document (hand-written hostile ones and
//! thousands of random mutations of a good one) leaves the database file
//! byte for byte as it was.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use chrono::{Days, Local, NaiveDate, Weekday};
use loopready::commands::rehearsal::record;
use loopready::plan::profile::{CurrentLevel, Profile, Risk, TargetLevel, Track};
use loopready::service;
use loopready::store::rehearsal::Target;
use loopready::store::transfer::{self, Mode};
use loopready::store::{self, Store};
use loopready::stories::{Principle, StoryDraft};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use serde_json::{json, Value};

use crate::soak;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// A store with a record in every exported table.
fn filled(path: &Path) -> Store {
    let s = Store::open(path).unwrap();
    let day = today();
    store::profile::save(
        &s,
        &Profile {
            interview_date: day + Days::new(40),
            target_level: TargetLevel::L6,
            track: Track::Ic,
            current_level: CurrentLevel::SeniorEngineer,
            hours_per_week: 12,
            prep_days: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
            risk: Risk::Medium,
        },
    )
    .unwrap();
    store::settings::set(&s, "stories.min_per_principle", "3").unwrap();
    let (_, plan) = loopready::service::plan::replan(&s, day).unwrap().unwrap();
    let first_item = &plan
        .schedule
        .days
        .iter()
        .find(|d| !d.items.is_empty())
        .unwrap()
        .items[0];
    store::plan::set_done(&s, &first_item.key, true, day).unwrap();
    store::plan::set_blackout(&s, day + Days::new(3), true).unwrap();
    store::plan::add_assessment(&s, day, &[3; 20], 60).unwrap();
    let story = store::stories::create(
        &s,
        &StoryDraft {
            title: "Ledger rescue".into(),
            situation: "Payments failed, 3% of orders.".into(),
            action: "I split the writes.".into(),
            result: "Errors fell 90%.".into(),
            primary: Some(Principle::Ownership),
            ..StoryDraft::default()
        },
        "s1",
    )
    .unwrap();
    let mut d = story.draft.clone();
    d.task = "I owned the fix.".into();
    store::stories::update(&s, &story.id, &d, "s2").unwrap();
    let entry: loopready::practice::Entry = serde_json::from_value(json!({
        "date": day.to_string(), "kind": "coding", "name": "Two sum", "pattern": "hashing",
        "difficulty": "easy", "minutes": 20, "optimal": true
    }))
    .unwrap();
    store::practice::add(&s, &entry, None).unwrap();
    record(&s, Target::Story(story.id), "good", 120, day).unwrap();
    record(&s, Target::Question("dd-1".into()), "hard", 90, day).unwrap();
    s
}

fn without_time(mut doc: Value) -> Value {
    doc.as_object_mut().unwrap().remove("exportedAt");
    doc
}

fn files(path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for suffix in ["", "-wal"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        out.push((p.clone(), std::fs::read(&p).unwrap_or_default()));
    }
    out
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    let a = filled(&dir.path().join("a.sqlite3"));
    let first = transfer::export(&a).unwrap();
    let tables = first["tables"].as_object().unwrap();
    for t in transfer::TABLES {
        if t != "custom_template" && t != "mock_session" {
            assert!(
                !tables[t].as_array().unwrap().is_empty(),
                "{t} is empty in the fixture"
            );
        }
    }

    let b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    transfer::import(&b, &first, Mode::Replace).unwrap();
    let second = transfer::export(&b).unwrap();
    assert_eq!(without_time(first.clone()), without_time(second));
    // The derived figures follow: the day totals were rebuilt.
    assert_eq!(
        store::practice::ledger(&a).unwrap(),
        store::practice::ledger(&b).unwrap()
    );
}

#[test]
fn merge_keeps_both_sides_and_the_newer_copy_of_a_shared_record() {
    let dir = tempfile::tempdir().unwrap();
    let a = filled(&dir.path().join("a.sqlite3"));
    let doc = transfer::export(&a).unwrap();

    let b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    transfer::import(&b, &doc, Mode::Replace).unwrap();
    let mine = store::stories::create(
        &b,
        &StoryDraft {
            title: "Only here".into(),
            ..StoryDraft::default()
        },
        "x",
    )
    .unwrap();
    // The shared story changes here later than in the file.
    let shared = store::stories::list(&b)
        .unwrap()
        .into_iter()
        .find(|s| s.draft.title == "Ledger rescue")
        .unwrap();
    let mut d = shared.draft.clone();
    d.title = "Edited here, later".into();
    std::thread::sleep(std::time::Duration::from_millis(5));
    store::stories::update(&b, &shared.id, &d, "later").unwrap();

    transfer::import(&b, &doc, Mode::Merge).unwrap();
    let titles: Vec<String> = store::stories::list(&b)
        .unwrap()
        .into_iter()
        .map(|s| s.draft.title)
        .collect();
    assert!(titles.contains(&"Only here".to_string()), "{titles:?}");
    assert!(
        titles.contains(&"Edited here, later".to_string()),
        "{titles:?}"
    );
    assert!(!titles.contains(&"Ledger rescue".to_string()), "{titles:?}");
    assert_eq!(titles.len(), 2);
    assert!(store::stories::get(&b, &mine.id).unwrap().is_some());
}

fn refused(doc: &Value) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let s = filled(&path);
    let before = files(&path);
    let err = transfer::import(&s, doc, Mode::Replace).unwrap_err();
    assert_eq!(
        before,
        files(&path),
        "the database changed on a refused import"
    );
    assert_eq!(err.kind(), "invalid", "{err}");
    err.to_string()
}

fn good_doc() -> Value {
    let dir = tempfile::tempdir().unwrap();
    transfer::export(&filled(&dir.path().join("a.sqlite3"))).unwrap()
}

#[test]
fn hostile_documents_are_refused_with_the_record_and_field_named() {
    let good = good_doc();
    let cases: Vec<(Value, &str)> = vec![
        (json!([1, 2, 3]), "not a Loopready export"),
        (json!({"format": "other"}), "not a Loopready export"),
        (
            {
                let mut d = good.clone();
                d["formatVersion"] = json!(99);
                d
            },
            "newer Loopready",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["secrets"] = json!([]);
                d
            },
            "Unknown table",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["story"][0]["colour"] = json!("red");
                d
            },
            "story[0]: unknown field \"colour\"",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["story"][0]["title"] = json!(5);
                d
            },
            "story[0]",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["story"][0]["title"] = json!("x".repeat(300_000));
                d
            },
            "story[0]: title is too long",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["story"][0]["scope"] = json!("L9");
                d
            },
            "story[0]",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["story_revision"][0]["story_id"] = json!("nope");
                d
            },
            "story_revision[0].story_id: no story",
        ),
        (
            {
                let mut d = good.clone();
                let r = d["tables"]["story"][0].clone();
                d["tables"]["story"].as_array_mut().unwrap().push(r);
                d
            },
            "story[1]",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["practice_entry"][0]["minutes"] = json!(-4);
                d
            },
            "practice_entry[0]",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["practice_entry"][0]["data"] = json!("{\"kind\":\"coding\"}");
                d
            },
            "practice_entry[0].data",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["rehearsal"][0]["rating"] = json!("great");
                d
            },
            "rehearsal[0]",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["story"][0]["tags"] = json!({"deep": [[[[1]]]]});
                d
            },
            "nested",
        ),
        (
            {
                let mut d = good.clone();
                d["tables"]["assessment"][0]["answers"] = json!("[1,2]");
                d
            },
            "assessment[0]",
        ),
    ];
    for (doc, expected) in cases {
        let message = refused(&doc);
        assert!(
            message.contains(expected),
            "expected '{expected}' in: {message}"
        );
    }
}

/// One random change to a good document.
#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, usize, usize, Value),
    Remove(usize, usize, usize),
    DuplicateRow(usize, usize),
    DropRow(usize, usize),
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,40}".prop_map(Value::from),
        (1usize..400_000).prop_map(|n| Value::from("y".repeat(n))),
        Just(json!([1, "two", null])),
        Just(json!({"a": {"b": {"c": [1]}}})),
        Just(json!("2026-02-30")),
        Just(json!("{\"kind\":\"design\",\"name\":\"\",\"minutes\":0}")),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0usize..12, 0usize..4, 0usize..20, value())
            .prop_map(|(t, r, f, v)| Mutation::Set(t, r, f, v)),
        (0usize..12, 0usize..4, 0usize..20).prop_map(|(t, r, f)| Mutation::Remove(t, r, f)),
        (0usize..12, 0usize..4).prop_map(|(t, r)| Mutation::DuplicateRow(t, r)),
        (0usize..12, 0usize..4).prop_map(|(t, r)| Mutation::DropRow(t, r)),
    ]
}

fn apply(doc: &mut Value, m: &Mutation) {
    let (t, r) = match m {
        Mutation::Set(t, r, ..)
        | Mutation::Remove(t, r, _)
        | Mutation::DuplicateRow(t, r)
        | Mutation::DropRow(t, r) => (*t, *r),
    };
    let rows = doc["tables"][transfer::TABLES[t]].as_array_mut().unwrap();
    if rows.is_empty() {
        return;
    }
    let r = r % rows.len();
    // Earlier removals can leave a row with no fields: nothing to set or remove.
    if matches!(m, Mutation::Set(..) | Mutation::Remove(..))
        && rows[r].as_object().is_some_and(|rec| rec.is_empty())
    {
        return;
    }
    match m {
        Mutation::Set(_, _, f, v) => {
            let rec = rows[r].as_object_mut().unwrap();
            let key = rec.keys().nth(f % rec.len()).unwrap().clone();
            rec.insert(key, v.clone());
        }
        Mutation::Remove(_, _, f) => {
            let rec = rows[r].as_object_mut().unwrap();
            let key = rec.keys().nth(f % rec.len()).unwrap().clone();
            rec.remove(&key);
        }
        Mutation::DuplicateRow(..) => {
            let copy = rows[r].clone();
            rows.push(copy);
        }
        Mutation::DropRow(..) => {
            rows.remove(r);
        }
    }
}

/// What happened to the imports of one soak run.
#[derive(Default, Debug)]
struct Tally {
    refused: u64,
    accepted: u64,
}

/// Imports `doc` (or, for `bytes`, the file they make) into a fresh copy of
/// the good data, replacing or merging: a refusal leaves the database files
/// byte for byte as they were; an acceptance leaves a sound database that
/// exports again.
fn import_case(
    doc: Option<&Value>,
    bytes: Option<&[u8]>,
    merge: bool,
    tally: &RefCell<Tally>,
) -> Result<(), TestCaseError> {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().unwrap();
    }
    let dir = DIR.with(|d| d.path().join(uuid::Uuid::now_v7().to_string()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("loopready.sqlite3");
    let mut s = Store::open(&path).unwrap();
    transfer::import(&s, &good_doc_cached(), Mode::Replace).unwrap();
    let before = files(&path);
    let mode = if merge { Mode::Merge } else { Mode::Replace };
    let result = match (doc, bytes) {
        (Some(doc), _) => transfer::import(&s, doc, mode).map(|_| ()),
        (None, Some(bytes)) => {
            let file = dir.join("import.json");
            std::fs::write(&file, bytes).unwrap();
            service::export::import_file(&mut s, &dir, &file, Some(mode)).map(|_| ())
        }
        (None, None) => unreachable!("a case has a document or bytes"),
    };
    match result {
        Err(e) => {
            prop_assert_eq!(e.kind(), "invalid", "{}", e);
            prop_assert!(before == files(&path), "changed after: {}", e);
            tally.borrow_mut().refused += 1;
        }
        Ok(()) => {
            let check = rusqlite::Connection::open(&path).unwrap();
            prop_assert!(store::backup::is_sound(&check));
            transfer::export(&s).unwrap();
            tally.borrow_mut().accepted += 1;
        }
    }
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// One kind of damage to a file's bytes.
#[derive(Debug, Clone)]
enum Damage {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Repeat(usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, bit)| Damage::Flip(at, bit)),
        any::<usize>().prop_map(Damage::Truncate),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..64)
        )
            .prop_map(|(at, b)| Damage::Insert(at, b)),
        (any::<usize>(), 1usize..400).prop_map(|(at, n)| Damage::Delete(at, n)),
        (any::<usize>(), 1usize..400).prop_map(|(at, n)| Damage::Repeat(at, n)),
    ]
}

fn damaged(mut bytes: Vec<u8>, all: &[Damage]) -> Vec<u8> {
    for d in all {
        let len = bytes.len().max(1);
        match d {
            Damage::Flip(at, bit) => {
                if !bytes.is_empty() {
                    bytes[at % len] ^= bit;
                }
            }
            Damage::Truncate(at) => bytes.truncate(at % len),
            Damage::Insert(at, b) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, b.iter().copied());
            }
            Damage::Delete(at, n) => {
                let at = (at % len).min(bytes.len());
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Damage::Repeat(at, n) => {
                let at = (at % len).min(bytes.len());
                let end = (at + n).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(end..end, copy);
            }
        }
    }
    bytes
}

/// The soak's imports: `LOOPREADY_SOAK_IMPORTS` documents (CI 2,000;
/// `scripts/soak.sh` 10,000), half changed field by field and row by row,
/// half damaged byte by byte as a file, each replacing or merging.
#[test]
fn soak_mutated_and_damaged_imports_are_refused_cleanly_or_imported_soundly() {
    let total = soak::count("imports", 2_000);
    let structural = (total / 4 * 3) as u32;
    let raw = total as u32 - structural;
    let started = std::time::Instant::now();
    let fields = RefCell::new(Tally::default());
    // Two failures proptest once shrank to, run first as fixed cases.
    for m in [
        Mutation::Set(0, 0, 0, Value::Null),
        Mutation::Set(8, 0, 14, json!(false)),
    ] {
        let mut doc = good_doc_cached();
        apply(&mut doc, &m);
        import_case(Some(&doc), None, false, &fields).unwrap_or_else(|e| panic!("{m:?}: {e}"));
    }
    runner(structural)
        .run(
            &(proptest::collection::vec(mutation(), 1..4), any::<bool>()),
            |(mutations, merge)| {
                let mut doc = good_doc_cached();
                for m in &mutations {
                    apply(&mut doc, m);
                }
                import_case(Some(&doc), None, merge, &fields)
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let text = serde_json::to_vec_pretty(&good_doc_cached()).unwrap();
    let bytes = RefCell::new(Tally::default());
    runner(raw)
        .run(
            &(proptest::collection::vec(damage(), 1..4), any::<bool>()),
            |(all, merge)| {
                let file = damaged(text.clone(), &all);
                import_case(None, Some(&file), merge, &bytes)
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let (fields, bytes) = (fields.into_inner(), bytes.into_inner());
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{structural} changed documents {fields:?}, {raw} damaged files {bytes:?}, {secs:.0} s"
    );
    // Both kinds reach both ends: some refused, some still importable.
    assert!(fields.refused > 0 && fields.accepted > 0, "{fields:?}");
    assert!(bytes.refused > 0 && bytes.accepted > 0, "{bytes:?}");
    soak::report(
        "imports",
        json!({ "cases": total, "changed_documents": structural, "damaged_files": raw,
            "refused": fields.refused + bytes.refused,
            "accepted": fields.accepted + bytes.accepted,
            "changed_after_refusal": 0, "seconds": secs.round() }),
    );
}

/// A proptest runner for `cases` cases, reporting a failure in the panic
/// rather than in a regressions file.
fn runner(cases: u32) -> TestRunner {
    TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    })
}

fn good_doc_cached() -> Value {
    thread_local! {
        static GOOD: Value = good_doc();
    }
    GOOD.with(Value::clone)
}

/// A day blocked and an item ticked on two machines, each with its own id
/// and time, are one record after the files cross in either order: both
/// machines keep the same one.
#[test]
fn the_same_tick_and_blackout_made_on_two_machines_merge_to_one_record() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a.sqlite3")).unwrap();
    let b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let day = today();
    let off = day + Days::new(3);
    for s in [&b, &a] {
        store::plan::set_done(s, "shared-item", true, day).unwrap();
        store::plan::set_blackout(s, off, true).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let rows = |s: &Store| {
        let doc = transfer::export(s).unwrap();
        (
            doc["tables"]["schedule_done"].clone(),
            doc["tables"]["blackout"].clone(),
        )
    };
    let (a_ticks, _) = rows(&a);
    let (b_ticks, _) = rows(&b);
    assert_ne!(a_ticks, b_ticks, "each machine made its own record");

    let from_a = transfer::export(&a).unwrap();
    let from_b = transfer::export(&b).unwrap();
    transfer::import(&a, &from_b, Mode::Merge).unwrap();
    transfer::import(&b, &from_a, Mode::Merge).unwrap();
    assert_eq!(rows(&a), rows(&b));
    let (ticks, blackouts) = rows(&a);
    assert_eq!(ticks.as_array().unwrap().len(), 1);
    assert_eq!(blackouts.as_array().unwrap().len(), 1);
    // The first one made (on b) is the one kept.
    assert_eq!(ticks, b_ticks);
    // Importing again changes nothing.
    transfer::import(&a, &from_b, Mode::Merge).unwrap();
    transfer::import(&a, &from_a, Mode::Merge).unwrap();
    assert_eq!(rows(&a), rows(&b));
}
