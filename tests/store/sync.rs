//! Sync through a shared folder, with a fake sync engine between three data
//! folders: files arrive late, out of order, twice, half-written, and
//! beside a sync engine's conflict copies; after everything has arrived,
//! the three machines hold the same records.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Days, Local, NaiveDate};
use loopready::practice::{Activity, Entry};
use loopready::service::sync::{self, Stream, ROOT};
use loopready::store::rehearsal::Target;
use loopready::store::{self, transfer, Store};
use loopready::stories::{Principle, StoryDraft};
use proptest::prelude::*;
use serde_json::Value;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// One machine: its data folder, its database and its view of the folder
/// the sync engine keeps.
struct Machine {
    data: PathBuf,
    view: PathBuf,
    store: Store,
}

fn machine(root: &Path, name: &str) -> Machine {
    let data = root.join(name).join("data");
    let view = root.join(name).join("synced");
    fs::create_dir_all(&data).unwrap();
    fs::create_dir_all(&view).unwrap();
    let store = Store::open(&data.join("db.sqlite3")).unwrap();
    Machine { data, view, store }
}

fn join(m: &Machine) {
    sync::set_folder(&m.store, &m.view, &m.data).unwrap();
}

/// The files of `from`'s own device folder that `to` lacks or holds
/// differently, as (relative path, bytes): the engine carries each file
/// from the machine that wrote it (a half copy on a third machine is never
/// a source).
fn differences(from: &Machine, to: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let device = store::sync::local(&from.store).unwrap().device;
    let own = from.view.join(ROOT).join(device);
    let Ok(files) = fs::read_dir(&own) else {
        return out;
    };
    {
        for f in files.map(Result::unwrap) {
            let from = &from.view;
            let rel = f.path().strip_prefix(from).unwrap().to_owned();
            let bytes = fs::read(f.path()).unwrap();
            if fs::read(to.join(&rel)).ok().as_deref() != Some(&bytes[..]) {
                out.push((rel, bytes));
            }
        }
    }
    out.sort();
    out
}

/// The fake engine: copies some of what `from` has to `to`, the way a real
/// one may: a file half-written first, in any order, a conflict copy
/// beside it. `pick` chooses (from the property's random numbers).
fn deliver(from: &Machine, to: &Machine, pick: &mut impl FnMut(u32) -> u32) {
    for (rel, bytes) in differences(from, &to.view) {
        let dest = to.view.join(&rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        match pick(5) {
            // Not yet.
            0 => {}
            // Half of it, for now.
            1 => fs::write(&dest, &bytes[..bytes.len() / 2]).unwrap(),
            // Whole, with a conflict copy beside it.
            2 => {
                fs::write(&dest, &bytes).unwrap();
                let copy = dest.with_extension("sync-conflict-20261204-ABCDEF.json");
                fs::write(copy, &bytes).unwrap();
            }
            _ => fs::write(&dest, &bytes).unwrap(),
        }
    }
}

/// Everything two machines must agree on: the synced records, without
/// the export time and the tables that stay on each machine.
fn synced_records(s: &Store) -> Value {
    let mut doc = transfer::export(s).unwrap();
    let tables = doc["tables"].as_object_mut().unwrap();
    for local in ["profile", "settings", "plan_state"] {
        tables.remove(local);
    }
    // Row order is each machine's own (the order records arrived in).
    for rows in tables.values_mut() {
        rows.as_array_mut().unwrap().sort_by_key(|r| r.to_string());
    }
    doc["tables"].clone()
}

#[derive(Debug, Clone)]
enum Edit {
    NewStory(u8),
    ReviseStory(u8),
    TrashStory(u8),
    Log(u8),
    ChangeLog(u8),
    Tick(u8),
    Blackout(u8),
    Rehearse(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<u8>().prop_map(Edit::NewStory),
        any::<u8>().prop_map(Edit::ReviseStory),
        any::<u8>().prop_map(Edit::TrashStory),
        any::<u8>().prop_map(Edit::Log),
        any::<u8>().prop_map(Edit::ChangeLog),
        any::<u8>().prop_map(Edit::Tick),
        any::<u8>().prop_map(Edit::Blackout),
        any::<u8>().prop_map(Edit::Rehearse),
    ]
}

fn apply_edit(s: &Store, e: &Edit) {
    let day = today();
    let stories = store::stories::list(s).unwrap();
    let pick = |n: u8, len: usize| usize::from(n) % len.max(1);
    match e {
        Edit::NewStory(n) => {
            let draft = StoryDraft {
                title: format!("Story {n}"),
                situation: "A migration with no downtime window.".into(),
                primary: Some(Principle::all()[usize::from(*n) % 16]),
                ..StoryDraft::default()
            };
            store::stories::create(s, &draft, &format!("new-{n}")).unwrap();
        }
        Edit::ReviseStory(n) if !stories.is_empty() => {
            let story = &stories[pick(*n, stories.len())];
            let mut d = story.draft.clone();
            d.result = format!("Result {n}.");
            store::stories::update(s, &story.id, &d, &format!("edit-{n}")).unwrap();
        }
        Edit::TrashStory(n) if !stories.is_empty() => {
            let story = &stories[pick(*n, stories.len())];
            store::stories::set_deleted(s, &story.id, true).unwrap();
        }
        Edit::Log(n) => {
            let entry = Entry::new(
                day - Days::new(u64::from(*n % 10)),
                Activity::LpStudy {
                    minutes: u32::from(*n % 50) + 5,
                },
            );
            store::practice::add(s, &entry, None).unwrap();
        }
        Edit::ChangeLog(n) => {
            let rows = store::practice::list(s).unwrap();
            if let Some(row) = rows.get(pick(*n, rows.len())) {
                let entry = Entry::new(row.entry.date, Activity::StoryPractice { minutes: 20 });
                store::practice::update(s, &row.id, &entry).unwrap();
            }
        }
        Edit::Tick(n) => {
            store::plan::set_done(s, &format!("{day}/item-{}", n % 6), true, day).unwrap();
        }
        Edit::Blackout(n) => {
            store::plan::set_blackout(s, day + Days::new(u64::from(n % 5) + 1), true).unwrap();
        }
        Edit::Rehearse(n) if !stories.is_empty() => {
            let story = &stories[pick(*n, stories.len())];
            if story.deleted_at.is_none() {
                loopready::commands::rehearsal::record(
                    s,
                    Target::Story(story.id.clone()),
                    "good",
                    60,
                    day,
                )
                .unwrap();
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Random edits on three machines, each syncing now and then while the
    /// engine delivers some files, late or half-written; then everything is
    /// delivered: the three hold the same records, and each file was
    /// applied once.
    #[test]
    fn three_machines_converge_whatever_the_engine_does(
        edits in prop::collection::vec((0usize..3, edit()), 1..40),
        chaos in prop::collection::vec(0u32..1000, 64),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let ms = [machine(dir.path(), "a"), machine(dir.path(), "b"), machine(dir.path(), "c")];
        for m in &ms {
            join(m);
        }
        let mut at = 0;
        let mut pick = |n: u32| {
            at += 1;
            chaos[at % chaos.len()] % n
        };
        for (i, (who, e)) in edits.iter().enumerate() {
            apply_edit(&ms[*who].store, e);
            if i % 4 == 3 {
                sync::now(&ms[*who].store).unwrap();
                for from in &ms {
                    for to in &ms {
                        if from.view != to.view {
                            deliver(from, to, &mut pick);
                        }
                    }
                }
                sync::now(&ms[(who + 1) % 3].store).unwrap();
            }
        }
        // Everything is sent, then delivered whole, twice over.
        for _ in 0..2 {
            for m in &ms {
                sync::now(&m.store).unwrap();
            }
            for from in &ms {
                for to in &ms {
                    if from.view != to.view {
                        deliver(from, to, &mut |_| 3);
                    }
                }
            }
        }
        for m in &ms {
            let status = sync::now(&m.store).unwrap();
            prop_assert_eq!(status.devices.len(), 2);
            for d in &status.devices {
                prop_assert_eq!(&d.stream, &Stream::UpToDate);
            }
        }
        let a = synced_records(&ms[0].store);
        prop_assert_eq!(&a, &synced_records(&ms[1].store));
        prop_assert_eq!(&a, &synced_records(&ms[2].store));
        for m in &ms {
            let ok: String = rusqlite::Connection::open(m.data.join("db.sqlite3"))
                .unwrap()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            prop_assert_eq!(ok, "ok");
        }
    }
}

#[test]
fn a_folder_holding_the_data_folder_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let m = machine(dir.path(), "a");
    let err = sync::set_folder(&m.store, dir.path(), &m.data).unwrap_err();
    assert!(err.to_string().contains("inside"), "{err}");
    assert_eq!(store::sync::local(&m.store).unwrap().folder, None);
    assert!(!dir.path().join(ROOT).exists());
}

#[test]
fn a_half_written_or_newer_file_waits_and_a_conflict_copy_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let a = machine(dir.path(), "a");
    let b = machine(dir.path(), "b");
    join(&a);
    join(&b);
    apply_edit(&a.store, &Edit::NewStory(1));
    sync::send(&a.store).unwrap();
    let device = store::sync::local(&a.store).unwrap().device;

    // File 1 (everything a had when it joined) arrives whole, file 2 in half.
    let from = a.view.join(ROOT).join(&device);
    let to = b.view.join(ROOT).join(&device);
    fs::create_dir_all(&to).unwrap();
    fs::copy(from.join("0000000001.json"), to.join("0000000001.json")).unwrap();
    let second = fs::read(from.join("0000000002.json")).unwrap();
    fs::write(to.join("0000000002.json"), &second[..second.len() / 2]).unwrap();
    fs::write(to.join("0000000002.sync-conflict-x.json"), &second).unwrap();
    let devices = sync::receive(&b.store).unwrap();
    assert_eq!(devices[0].applied, 1);
    assert_eq!(devices[0].stream, Stream::Waiting { next: 2 });
    assert_eq!(devices[0].ignored, vec!["0000000002.sync-conflict-x.json"]);
    assert!(store::stories::list(&b.store).unwrap().is_empty());

    // Whole now: applied once, and again changes nothing.
    fs::write(to.join("0000000002.json"), &second).unwrap();
    sync::receive(&b.store).unwrap();
    sync::receive(&b.store).unwrap();
    assert_eq!(store::stories::list(&b.store).unwrap().len(), 1);
    assert_eq!(store::sync::applied(&b.store, &device).unwrap(), 2);

    // A file from a newer schema stops the stream there.
    apply_edit(&a.store, &Edit::Log(3));
    sync::send(&a.store).unwrap();
    let mut third: Value =
        serde_json::from_slice(&fs::read(from.join("0000000003.json")).unwrap()).unwrap();
    third["schemaVersion"] = Value::from(10_000);
    fs::write(to.join("0000000003.json"), third.to_string()).unwrap();
    let devices = sync::receive(&b.store).unwrap();
    assert_eq!(devices[0].stream, Stream::NeedsNewerApp { seq: 3 });
    assert_eq!(store::sync::applied(&b.store, &device).unwrap(), 2);
}

#[test]
fn edits_made_while_a_file_is_applied_are_captured_and_applied_ones_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let a = machine(dir.path(), "a");
    let b = machine(dir.path(), "b");
    join(&a);
    join(&b);
    apply_edit(&a.store, &Edit::NewStory(2));
    sync::now(&a.store).unwrap();
    deliver(&a, &b, &mut |_| 3);
    sync::now(&b.store).unwrap();
    // What b applied does not go back out as b's own change.
    assert_eq!(store::sync::pending(&b.store).unwrap().len(), 0);
    apply_edit(&b.store, &Edit::Log(4));
    assert_eq!(store::sync::pending(&b.store).unwrap().len(), 1);
}

/// A machine whose count of written files went back (a restored backup)
/// writes after the files already in its folder, never over one.
#[test]
fn a_count_gone_back_never_writes_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = machine(dir.path(), "a");
    join(&a);
    apply_edit(&a.store, &Edit::Log(1));
    assert_eq!(sync::send(&a.store).unwrap(), Some(2));
    let device = store::sync::local(&a.store).unwrap().device;
    let own = a.view.join(ROOT).join(&device);
    let second = fs::read(own.join("0000000002.json")).unwrap();
    rusqlite::Connection::open(a.data.join("db.sqlite3"))
        .unwrap()
        .execute("UPDATE sync_state SET sent_seq = 1", [])
        .unwrap();
    apply_edit(&a.store, &Edit::Log(2));
    assert_eq!(sync::send(&a.store).unwrap(), Some(3));
    assert_eq!(fs::read(own.join("0000000002.json")).unwrap(), second);
}
