//! The trigger-kept day totals (`practice_day`) must always equal the same
//! totals computed from the rows themselves (`all_entries` → `ledger_of`):
//! after generating five years of use, after edits, deletes and restores of
//! log entries, trashing and restoring stories, scoring mocks and recording
//! rehearsals, and when the migration fills the table from existing rows.

use chrono::{Local, NaiveDate};
use loopready::practice::ledger::{ledger_of, Ledger};
use loopready::practice::{Activity, Entry};
use loopready::service::practice::all_entries;
use loopready::store::rehearsal::Target;
use loopready::store::{self, sample, Store};
use loopready::stories::{Principle, StoryDraft};

fn recomputed(s: &Store) -> Ledger {
    ledger_of(&all_entries(s).unwrap())
}

fn assert_in_step(s: &Store, when: &str) {
    let kept = store::practice::ledger(s).unwrap();
    let fresh = recomputed(s);
    assert_eq!(kept.len(), fresh.len(), "{when}: days differ");
    for (date, t) in &fresh {
        let k = kept
            .get(date)
            .unwrap_or_else(|| panic!("{when}: {date} missing"));
        assert!(
            (k.mock_score_sum - t.mock_score_sum).abs() < 1e-6,
            "{when}: {date} scores {} vs {}",
            k.mock_score_sum,
            t.mock_score_sum
        );
        let mut k = *k;
        k.mock_score_sum = t.mock_score_sum;
        assert_eq!(&k, t, "{when}: {date}");
    }
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[test]
fn day_totals_follow_every_kind_of_write() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    sample::five_years(&s, today()).unwrap();
    assert_in_step(&s, "after five years");

    // Log entries: edit, delete, restore.
    let first = store::practice::list(&s).unwrap().pop().unwrap();
    let edited = Entry::new(
        first.entry.date,
        Activity::Design {
            name: "Edited".into(),
            minutes: 90,
            completeness_pct: 95,
            tradeoffs: true,
        },
    );
    assert!(store::practice::update(&s, &first.id, &edited).unwrap());
    assert_in_step(&s, "after an edit");
    assert!(store::practice::set_deleted(&s, &first.id, true).unwrap());
    assert_in_step(&s, "after a delete");
    assert!(store::practice::set_deleted(&s, &first.id, false).unwrap());
    assert_in_step(&s, "after a restore");

    // Stories: a refinement, the trash and back.
    let story = store::stories::list(&s).unwrap().remove(3);
    let mut draft = story.draft.clone();
    draft.result.push_str(" Renewed for two years.");
    store::stories::update(&s, &story.id, &draft, "new-session").unwrap();
    assert_in_step(&s, "after a refinement");
    store::stories::set_deleted(&s, &story.id, true).unwrap();
    assert_in_step(&s, "after trashing a story");
    store::stories::set_deleted(&s, &story.id, false).unwrap();
    assert_in_step(&s, "after restoring a story");
    let fresh = StoryDraft {
        title: "New one".into(),
        primary: Some(Principle::Frugality),
        ..StoryDraft::default()
    };
    store::stories::create(&s, &fresh, "s-new").unwrap();
    assert_in_step(&s, "after a new story");

    // A rehearsal.
    loopready::commands::rehearsal::record(&s, Target::Story(story.id), "hard", 95, today())
        .unwrap();
    assert_in_step(&s, "after a rehearsal");
}

#[test]
fn the_migration_fills_the_table_from_existing_rows() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    sample::five_years(&s, today()).unwrap();
    let before = store::practice::ledger(&s).unwrap();
    drop(s);

    // Empty the table and run the migration's fill statements again.
    let sql = include_str!("../../src-tauri/store/migrations/008_practice_days.sql");
    let fill = sql
        .split("-- Fill it from what is already there.")
        .nth(1)
        .unwrap()
        .split("-- The recent scored mocks")
        .next()
        .unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("db.sqlite3")).unwrap();
    conn.execute("DELETE FROM practice_day", []).unwrap();
    conn.execute_batch(fill).unwrap();
    drop(conn);

    let s = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let after = store::practice::ledger(&s).unwrap();
    assert_eq!(before.len(), after.len());
    for (date, t) in &before {
        assert_eq!(after[date].coding, t.coding, "{date}");
        assert_eq!(after[date].star_minutes, t.star_minutes, "{date}");
        assert_eq!(after[date].mocks_scored, t.mocks_scored, "{date}");
        assert_eq!(after[date].refinements, t.refinements, "{date}");
    }
    assert_in_step(&s, "after the fill");
}

/// The thresholds the triggers compare with are the domain's constants: a
/// design just under and just at the completed share, an outside mock just
/// under and just at the passing score, kept and recomputed alike; and no
/// live trigger compares with any other figure.
#[test]
fn the_triggers_apply_the_domains_thresholds() {
    use loopready::practice::ledger::MOCK_PASS;
    use loopready::practice::log::DESIGN_COMPLETE_PCT;
    use loopready::practice::RoundKind;

    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let day = today();
    for pct in [DESIGN_COMPLETE_PCT - 1, DESIGN_COMPLETE_PCT] {
        let design = Activity::Design {
            name: format!("At {pct}"),
            minutes: 60,
            completeness_pct: pct,
            tradeoffs: true,
        };
        store::practice::add(&s, &Entry::new(day, design), None).unwrap();
    }
    let pass = MOCK_PASS as u8;
    for score in [pass - 1, pass] {
        let mock = Activity::ExternalMock {
            round: RoundKind::Coding,
            score,
            minutes: 45,
        };
        store::practice::add(&s, &Entry::new(day, mock), None).unwrap();
    }
    assert_in_step(&s, "at the thresholds");
    let kept = store::practice::ledger(&s).unwrap()[&day];
    assert_eq!(kept.designs_completed, 1, "{kept:?}");
    assert_eq!(kept.mocks_passed, 1, "{kept:?}");

    drop(s);
    let conn = rusqlite::Connection::open(dir.path().join("db.sqlite3")).unwrap();
    let sql: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut compared = 0;
    for text in &sql {
        for (field, want) in [
            ("'$.completenessPct') >= ", f64::from(DESIGN_COMPLETE_PCT)),
            ("'$.score') >= ", f64::from(MOCK_PASS)),
            ("weighted_score >= ", f64::from(MOCK_PASS)),
        ] {
            for (at, _) in text.match_indices(field) {
                let figure: String = text[at + field.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                assert_eq!(figure.parse::<f64>().unwrap(), want, "{field}{figure}");
                compared += 1;
            }
        }
    }
    assert!(
        compared >= 8,
        "only {compared} comparisons found in the triggers"
    );
}
