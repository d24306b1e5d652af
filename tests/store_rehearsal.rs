//! Rehearsal storage: rehearsals of stories and bank questions are stored
//! and replayed into an FSRS schedule; refusals write nothing; the queue
//! follows the trash; and a version-6 file (stories, no rehearsals) upgrades
//! with its stories intact.

use chrono::NaiveDate;
use loopready::commands::rehearsal::{queue, record};
use loopready::store::rehearsal::{self, Target};
use loopready::store::{self, Store};
use loopready::stories::review::Rating;
use loopready::stories::{Principle, Scope, StoryDraft};

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn story(s: &Store, title: &str) -> String {
    let draft = StoryDraft {
        title: title.into(),
        action: "I led the rollout.".into(),
        primary: Some(Principle::Ownership),
        scope: Scope::L6,
        ..StoryDraft::default()
    };
    store::stories::create(s, &draft, "s").unwrap().id
}

fn count(s: &Store) -> usize {
    rehearsal::list(s).unwrap().len()
}

#[test]
fn a_rehearsal_is_stored_and_sets_the_next_due_date() {
    let s = Store::open_in_memory().unwrap();
    let id = story(&s, "Rollout");
    let out = record(&s, Target::Story(id.clone()), "good", 150, date(1)).unwrap();
    assert_eq!(out.record.seconds, 150);
    assert_eq!(
        out.state.due,
        Some(date(4)),
        "FSRS: good first review → 3 days"
    );
    let history = rehearsal::history(&s, &Target::Story(id)).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].rating, Rating::Good);
    assert_eq!(history[0].date, date(1));
}

#[test]
fn refused_rehearsals_write_nothing() {
    let s = Store::open_in_memory().unwrap();
    let id = story(&s, "Rollout");
    assert!(record(&s, Target::Story(id.clone()), "great", 60, date(1)).is_err());
    assert!(record(&s, Target::Story(id), "good", 7_200, date(1)).is_err());
    assert!(record(&s, Target::Story("no-such".into()), "good", 60, date(1)).is_err());
    assert!(record(&s, Target::Question("zz-9".into()), "good", 60, date(1)).is_err());
    assert_eq!(count(&s), 0);
}

#[test]
fn the_queue_offers_new_stories_then_due_ones_and_drops_trashed_stories() {
    let s = Store::open_in_memory().unwrap();
    let a = story(&s, "A");
    let b = story(&s, "B");
    let q = queue(&s, date(1)).unwrap();
    assert_eq!(q.due_count, 0);
    assert_eq!(q.items.len(), 2, "both stories are new");

    record(&s, Target::Story(a.clone()), "again", 60, date(1)).unwrap();
    record(&s, Target::Question("dd-2".into()), "hard", 90, date(1)).unwrap();
    let q = queue(&s, date(1)).unwrap();
    assert_eq!(q.due_count, 0, "nothing is due on the day it was rehearsed");
    let q = queue(&s, date(5)).unwrap();
    let ids: Vec<&Target> = q.items.iter().map(|i| &i.target).collect();
    assert!(ids.contains(&&Target::Story(a.clone())));
    assert!(ids.contains(&&Target::Question("dd-2".into())));
    assert_eq!(q.due_count, 2);
    assert_eq!(
        ids.last(),
        Some(&&Target::Story(b.clone())),
        "new ones last"
    );

    store::stories::set_deleted(&s, &a, true).unwrap();
    let q = queue(&s, date(5)).unwrap();
    assert!(q.items.iter().all(|i| i.target != Target::Story(a.clone())));
    // Its history is kept: restoring the story brings it back with it.
    store::stories::set_deleted(&s, &a, false).unwrap();
    assert_eq!(rehearsal::history(&s, &Target::Story(a)).unwrap().len(), 1);
}

#[test]
fn rehearsals_show_in_the_practice_log_as_star_minutes() {
    let s = Store::open_in_memory().unwrap();
    let id = story(&s, "Rollout");
    record(&s, Target::Story(id), "good", 150, date(1)).unwrap();
    let rows = loopready::commands::practice::log_rows(&s, -1).unwrap();
    let row = rows
        .iter()
        .find(|r| r.summary.contains("Rollout"))
        .expect("the rehearsal is in the log");
    assert!(row.derived);
    assert_eq!(row.entry.activity.minutes(), 3, "150 s rounds up to 3 min");
}

#[test]
fn migrating_a_version_six_file_keeps_its_stories() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../src-tauri/store/migrations/001_init.sql"),
            include_str!("../src-tauri/store/migrations/002_plans.sql"),
            include_str!("../src-tauri/store/migrations/003_timer.sql"),
            include_str!("../src-tauri/store/migrations/004_stories.sql"),
            include_str!("../src-tauri/store/migrations/005_mock_scores.sql"),
            include_str!("../src-tauri/store/migrations/006_practice.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 6).unwrap();
        conn.execute(
            "INSERT INTO story (uuid, title, action, primary_lp, scope, created_at, updated_at)
             VALUES ('old-1', 'Old story', 'I did it.', 'ownership', 'L6', 't', 't')",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(s.schema_version().unwrap() >= 7);
    let stories = store::stories::list(&s).unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].draft.action, "I did it.");
    record(&s, Target::Story("old-1".into()), "easy", 100, date(2)).unwrap();
    assert_eq!(count(&s), 1);
}
