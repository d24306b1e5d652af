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

/// Machines "a" and "b" under `root`, both joined.
fn joined_pair(root: &Path) -> (Machine, Machine) {
    let a = machine(root, "a");
    let b = machine(root, "b");
    join(&a);
    join(&b);
    (a, b)
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

/// What each machine derives from its records (day totals, rehearsal
/// schedules, evidence flags, problem keys), keyed by stable ids.
fn derived(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut out = Vec::new();
    for sql in [
        // Days with every total at zero are the same as no row.
        "SELECT json_array(date, coding_n, coding_min, design_n, design_min, design_done, lp_n, lp_min,
                star_n, star_min, ext_n, ext_min, ext_score_sum, ext_passed, rehearsal_n, rehearsal_min,
                refinement_n, mock_n, mock_min, mock_scored, mock_score_sum, mock_passed)
         FROM practice_day
         WHERE coding_n + design_n + lp_n + star_n + ext_n + rehearsal_n + refinement_n + mock_n > 0
         ORDER BY date",
        "SELECT json_array(s.uuid, r.question, r.reviews, r.lapses, round(r.stability, 6),
                round(r.difficulty, 6), r.interval_days, r.last_rehearsed, r.due)
         FROM rehearsal_state r LEFT JOIN story s ON s.id = r.story_id ORDER BY 1",
        "SELECT json_array(uuid, refines) FROM story_revision ORDER BY uuid",
        "SELECT json_array(uuid, problem) FROM practice_entry ORDER BY uuid",
    ] {
        let mut stmt = c.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

/// [`derived`] computed afresh: the machine's export imported whole into a
/// new database, which rebuilds everything derived.
fn derived_afresh(m: &Machine, scratch: &Path) -> Vec<String> {
    let db = scratch.join("afresh.sqlite3");
    let _ = fs::remove_file(&db);
    let fresh = Store::open(&db).unwrap();
    transfer::import(
        &fresh,
        &transfer::export(&m.store).unwrap(),
        transfer::Mode::Replace,
    )
    .unwrap();
    drop(fresh);
    derived(&db)
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

/// Random edits on three machines, each syncing now and then while the
/// engine delivers some files, late or half-written; then everything is
/// delivered: the three hold the same records, and each file was applied
/// once.
fn converge(edits: &[(usize, Edit)], chaos: &[u32]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let ms = [
        machine(dir.path(), "a"),
        machine(dir.path(), "b"),
        machine(dir.path(), "c"),
    ];
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
    // Derived tables, kept up to date file by file, equal a recompute.
    for m in &ms {
        prop_assert_eq!(
            derived(&m.data.join("db.sqlite3")),
            derived_afresh(m, dir.path())
        );
    }
    for m in &ms {
        let ok: String = rusqlite::Connection::open(m.data.join("db.sqlite3"))
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        prop_assert_eq!(ok, "ok");
    }

    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn three_machines_converge_whatever_the_engine_does(
        edits in prop::collection::vec((0usize..3, edit()), 1..40),
        chaos in prop::collection::vec(0u32..1000, 64),
    ) {
        converge(&edits, &chaos)?;
    }
}

/// A case the property found: two machines revise one story in editing
/// sessions of the same name, to the same text. Each kept its own
/// revision's uuid with the other's content, so the machines disagreed.
#[test]
fn two_revisions_of_one_session_become_one_on_every_machine() {
    use Edit::*;
    let edits = [
        (0, NewStory(0)),
        (0, NewStory(0)),
        (0, NewStory(0)),
        (0, TrashStory(3)),
        (2, Rehearse(187)),
        (2, ReviseStory(223)),
        (1, Blackout(71)),
        (1, ChangeLog(86)),
        (0, ReviseStory(159)),
        (2, ReviseStory(159)),
    ];
    converge(&edits, &[882, 827, 584, 595, 123, 0, 482, 878]).unwrap();
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
    let (a, b) = joined_pair(dir.path());
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
    let (a, b) = joined_pair(dir.path());
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

/// Gives `m`'s own story `id` a new result, as an editing session would.
fn rewrite_result(m: &Machine, id: &str, result: &str, session: &str) {
    let story = store::stories::get(&m.store, id).unwrap().unwrap();
    let mut d = story.draft.clone();
    d.result = result.into();
    store::stories::update(&m.store, id, &d, session).unwrap();
}

fn sync_both(a: &Machine, b: &Machine) {
    for _ in 0..2 {
        sync::now(&a.store).unwrap();
        sync::now(&b.store).unwrap();
        deliver(a, b, &mut |_| 3);
        deliver(b, a, &mut |_| 3);
    }
    sync::now(&a.store).unwrap();
    sync::now(&b.store).unwrap();
}

/// The same story edited on two machines before either saw the other's
/// edit: both keep the version changed last, both texts stay in its
/// history, and each lists one conflict with both versions. Keeping the
/// other version on one machine carries it to the other, which drops its
/// conflict; an edit made after seeing the other's is no conflict.
#[test]
fn a_story_edited_on_two_machines_at_once_is_one_conflict_with_both_texts() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = joined_pair(dir.path());
    apply_edit(&a.store, &Edit::NewStory(7));
    sync_both(&a, &b);
    let id = store::stories::list(&b.store).unwrap()[0].id.clone();

    rewrite_result(&a, &id, "Latency fell by 40 % (laptop).", "a-1");
    std::thread::sleep(std::time::Duration::from_millis(5));
    rewrite_result(&b, &id, "Latency fell by 55 % (desktop).", "b-1");
    sync_both(&a, &b);

    for m in [&a, &b] {
        let story = store::stories::get(&m.store, &id).unwrap().unwrap();
        assert_eq!(story.draft.result, "Latency fell by 55 % (desktop).");
        let texts: Vec<String> = store::stories::revisions(&m.store, &id)
            .unwrap()
            .into_iter()
            .map(|r| r.draft.result)
            .collect();
        assert!(texts.iter().any(|t| t.contains("laptop")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("desktop")), "{texts:?}");
        let status = sync::status(&m.store).unwrap();
        assert_eq!(status.conflicts.len(), 1, "{:?}", status.conflicts);
        let c = &status.conflicts[0];
        assert_eq!(c.what, "Story");
        assert_eq!(c.title, "Story 7");
        let result = c.fields.iter().find(|f| f.name == "Result").unwrap();
        assert_eq!(result.kept, "Latency fell by 55 % (desktop).");
        assert_eq!(result.lost, "Latency fell by 40 % (laptop).");
        assert_eq!(c.fields.len(), 1, "only the result differs: {:?}", c.fields);
    }
    assert!(sync::status(&b.store).unwrap().conflicts[0].kept_here);
    assert!(!sync::status(&a.store).unwrap().conflicts[0].kept_here);

    // On b, keep the laptop's text after all.
    let c = sync::status(&b.store).unwrap().conflicts[0].id;
    let status = sync::settle(&b.store, c, true).unwrap();
    assert!(status.conflicts.is_empty());
    assert!(sync::settle(&b.store, c, true).is_err(), "settled once");
    sync_both(&a, &b);
    for m in [&a, &b] {
        let story = store::stories::get(&m.store, &id).unwrap().unwrap();
        assert_eq!(story.draft.result, "Latency fell by 40 % (laptop).");
        assert!(sync::status(&m.store).unwrap().conflicts.is_empty());
    }

    // One after the other, each having seen the other's: no conflict.
    rewrite_result(&a, &id, "Latency fell by 60 %.", "a-2");
    sync_both(&a, &b);
    rewrite_result(&b, &id, "Latency fell by 61 %.", "b-2");
    sync_both(&a, &b);
    for m in [&a, &b] {
        assert!(sync::status(&m.store).unwrap().conflicts.is_empty());
        let story = store::stories::get(&m.store, &id).unwrap().unwrap();
        assert_eq!(story.draft.result, "Latency fell by 61 %.");
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Loopready test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Merges what the other clone pushed (each clone adds only its own files).
fn pull(dir: &Path) {
    git(
        dir,
        &[
            "pull",
            "--quiet",
            "--no-rebase",
            "--no-edit",
            "--allow-unrelated-histories",
            "origin",
            "main",
        ],
    );
}

/// Commits what is staged; nothing new to commit is fine (a file already
/// committed).
fn commit(dir: &Path) {
    let _ = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(["commit", "--quiet", "-m", "Loopready"])
        .current_dir(dir)
        .output();
}

/// Git as the sync engine: two clones of one bare repository are the two
/// machines' folders; fifty rounds of edits, commits, pulls and pushes on
/// both sides never meet a merge conflict (each machine writes only its
/// own files), and the two end with the same records.
#[test]
fn git_carries_fifty_rounds_between_two_clones_without_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("origin.git");
    fs::create_dir_all(&bare).unwrap();
    git(
        &bare,
        &["init", "--bare", "--quiet", "--initial-branch=main"],
    );
    let a = machine(dir.path(), "a");
    let b = machine(dir.path(), "b");
    for m in [&a, &b] {
        fs::remove_dir_all(&m.view).unwrap();
        git(
            dir.path(),
            &[
                "clone",
                "--quiet",
                bare.to_str().unwrap(),
                m.view.to_str().unwrap(),
            ],
        );
        git(&m.view, &["checkout", "--quiet", "-B", "main"]);
        join(m);
    }
    let round = |m: &Machine, edit: Edit| {
        apply_edit(&m.store, &edit);
        sync::now(&m.store).unwrap();
        git(&m.view, &["add", "-A"]);
        commit(&m.view);
        let has_remote = !git(&m.view, &["ls-remote", "--heads", "origin", "main"]).is_empty();
        if has_remote {
            pull(&m.view);
        }
        git(&m.view, &["push", "--quiet", "origin", "main"]);
        sync::now(&m.store).unwrap();
    };
    let edits = [
        Edit::NewStory(1),
        Edit::ReviseStory(2),
        Edit::Log(3),
        Edit::Tick(4),
        Edit::Blackout(5),
        Edit::ChangeLog(6),
        Edit::Rehearse(7),
    ];
    for i in 0..50 {
        round(&a, edits[i % edits.len()].clone());
        round(&b, edits[(i + 3) % edits.len()].clone());
    }
    // A last pull on each side brings the other's final files.
    for _ in 0..2 {
        for m in [&a, &b] {
            pull(&m.view);
            sync::now(&m.store).unwrap();
            git(&m.view, &["add", "-A"]);
            commit(&m.view);
            git(&m.view, &["push", "--quiet", "origin", "main"]);
        }
    }
    for m in [&a, &b] {
        let status = sync::now(&m.store).unwrap();
        assert_eq!(status.devices.len(), 1);
        assert_eq!(status.devices[0].stream, Stream::UpToDate);
        assert!(git(&m.view, &["status", "--porcelain"]).is_empty());
    }
    assert_eq!(synced_records(&a.store), synced_records(&b.store));
    assert!(!store::stories::list(&a.store).unwrap().is_empty());
}

/// A file written by a computer whose clock is an hour ahead is applied,
/// and the stream says how far ahead that clock is.
#[test]
fn a_clock_far_ahead_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = joined_pair(dir.path());
    apply_edit(&a.store, &Edit::Log(1));
    sync::send(&a.store).unwrap();
    deliver(&a, &b, &mut |_| 3);
    let device = store::sync::local(&a.store).unwrap().device;
    let second = b.view.join(ROOT).join(&device).join("0000000002.json");
    let mut file: Value = serde_json::from_slice(&fs::read(&second).unwrap()).unwrap();
    file["writtenAt"] = Value::from((chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339());
    fs::write(&second, file.to_string()).unwrap();
    let devices = sync::receive(&b.store).unwrap();
    assert_eq!(devices[0].applied, 2);
    let ahead = devices[0].clock_ahead_minutes.expect("said");
    assert!((58..=60).contains(&ahead), "{ahead}");
    // An ordinary file says nothing.
    apply_edit(&a.store, &Edit::Log(2));
    sync::send(&a.store).unwrap();
    deliver(&a, &b, &mut |_| 3);
    assert_eq!(
        sync::receive(&b.store).unwrap()[0].clock_ahead_minutes,
        None
    );
}

/// After `SNAPSHOT_EVERY` files a machine writes a snapshot; once every
/// machine it knows has applied its files up to the snapshot, it removes
/// them; a machine joining later starts from the snapshot and ends with
/// the same records.
#[test]
fn old_files_go_once_all_have_them_and_a_new_machine_joins_from_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = joined_pair(dir.path());
    let device = store::sync::local(&a.store).unwrap().device;
    let own = a.view.join(ROOT).join(&device);
    // a knows b, which has applied none of a's files.
    deliver(&b, &a, &mut |_| 3);
    sync::now(&a.store).unwrap();
    let every = sync::SNAPSHOT_EVERY;
    for n in 1..every {
        apply_edit(&a.store, &Edit::Log((n % 250) as u8));
        assert_eq!(sync::send(&a.store).unwrap(), Some(n + 1));
    }
    let snapshot = own.join(format!("snapshot-{every:010}.json"));
    assert!(snapshot.exists(), "written with file {every}");
    // b has not applied any of a's files yet: nothing goes.
    assert_eq!(sync::compact(&a.store).unwrap(), 0);
    assert!(own.join("0000000001.json").exists());

    // b applies everything and says so in its next file; a removes files
    // 1..=every, keeping the snapshot.
    deliver(&a, &b, &mut |_| 3);
    sync::now(&b.store).unwrap();
    apply_edit(&b.store, &Edit::Log(1));
    sync::now(&b.store).unwrap();
    deliver(&b, &a, &mut |_| 3);
    sync::now(&a.store).unwrap();
    let left: Vec<String> = fs::read_dir(&own)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "device.json")
        .collect();
    assert_eq!(left, vec![format!("snapshot-{every:010}.json")], "{left:?}");

    // c joins with only the snapshot (and b's files) in its folder.
    let c = machine(dir.path(), "c");
    join(&c);
    deliver(&a, &c, &mut |_| 3);
    deliver(&b, &c, &mut |_| 3);
    let status = sync::now(&c.store).unwrap();
    for d in &status.devices {
        assert_eq!(d.stream, Stream::UpToDate, "{d:?}");
    }
    assert_eq!(store::sync::applied(&c.store, &device).unwrap(), every);
    // a's next file follows on from the snapshot.
    apply_edit(&a.store, &Edit::Log(9));
    sync::now(&a.store).unwrap();
    deliver(&a, &c, &mut |_| 3);
    deliver(&a, &b, &mut |_| 3);
    for m in [&b, &c] {
        sync::now(&m.store).unwrap();
    }
    let records = synced_records(&a.store);
    assert_eq!(records, synced_records(&b.store));
    assert_eq!(records, synced_records(&c.store));
}

/// The same scheduled item logged on two machines before either saw the
/// other's entry: one entry on both, the one changed last.
#[test]
fn one_scheduled_item_logged_on_two_machines_is_one_entry_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = joined_pair(dir.path());
    let key = format!("{}/item-1", today());
    for (m, minutes) in [(&a, 30), (&b, 45)] {
        let entry = Entry::new(today(), Activity::LpStudy { minutes });
        store::practice::add(&m.store, &entry, Some(&key)).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    sync_both(&a, &b);
    assert_eq!(synced_records(&a.store), synced_records(&b.store));
    let rows = store::practice::list(&a.store).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].entry.activity, Activity::LpStudy { minutes: 45 });
}
