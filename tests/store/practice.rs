//! Practice-log storage: entries round trip, edits replace, a deleted entry
//! is gone from the log until Undo restores it, the schema refuses what the
//! domain would never write, and the Log's filters (kind, pattern, dates)
//! list and count only the entries that match.

use chrono::NaiveDate;
use loopready::practice::{Activity, Difficulty, Entry, EntryKind, Pattern};
use loopready::store::practice::EntryFilter;
use loopready::store::{self, Store};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn coding(date: NaiveDate, name: &str, minutes: u32) -> Entry {
    Entry::new(
        date,
        Activity::Coding {
            name: name.into(),
            pattern: Pattern::SlidingWindow,
            difficulty: Difficulty::Hard,
            minutes,
            optimal: true,
        },
    )
}

#[test]
fn an_entry_round_trips_every_field() {
    let store = Store::open_in_memory().unwrap();
    let e = coding(day(2), "Minimum window substring", 40);
    let saved = store::practice::add(&store, &e, None).unwrap();
    assert_eq!(saved.id.len(), 36);
    let back = store::practice::get(&store, &saved.id).unwrap().unwrap();
    assert_eq!(back.entry, e);
    assert_eq!(store::practice::entries(&store).unwrap(), vec![e]);
}

#[test]
fn entries_come_oldest_first_and_the_log_newest_first() {
    let store = Store::open_in_memory().unwrap();
    for d in [3, 1, 2] {
        store::practice::add(&store, &coding(day(d), "p", 10), None).unwrap();
    }
    let dates: Vec<_> = store::practice::entries(&store)
        .unwrap()
        .iter()
        .map(|e| e.date)
        .collect();
    assert_eq!(dates, vec![day(1), day(2), day(3)]);
    let log: Vec<_> = store::practice::list(&store)
        .unwrap()
        .iter()
        .map(|r| r.entry.date)
        .collect();
    assert_eq!(log, vec![day(3), day(2), day(1)]);
}

#[test]
fn an_edit_replaces_date_and_data() {
    let store = Store::open_in_memory().unwrap();
    let saved = store::practice::add(&store, &coding(day(2), "a", 10), None).unwrap();
    let edited = Entry::new(day(4), Activity::LpStudy { minutes: 25 });
    assert!(store::practice::update(&store, &saved.id, &edited).unwrap());
    assert_eq!(store::practice::entries(&store).unwrap(), vec![edited]);
    assert!(!store::practice::update(&store, "no-such-id", &coding(day(2), "a", 1)).unwrap());
}

#[test]
fn a_deleted_entry_leaves_the_log_until_undo_restores_it() {
    let store = Store::open_in_memory().unwrap();
    let saved = store::practice::add(&store, &coding(day(2), "a", 10), None).unwrap();
    assert!(store::practice::set_deleted(&store, &saved.id, true).unwrap());
    assert!(store::practice::entries(&store).unwrap().is_empty());
    assert!(store::practice::get(&store, &saved.id).unwrap().is_none());
    assert!(!store::practice::set_deleted(&store, &saved.id, true).unwrap());
    assert!(store::practice::set_deleted(&store, &saved.id, false).unwrap());
    assert_eq!(store::practice::entries(&store).unwrap().len(), 1);
}

#[test]
fn a_schedule_item_is_logged_once_while_its_entry_lives() {
    let store = Store::open_in_memory().unwrap();
    let e = Entry::new(day(2), Activity::LpStudy { minutes: 15 });
    let first = store::practice::add(&store, &e, Some("2026-03-02/1")).unwrap();
    assert!(store::practice::logged_from(&store, "2026-03-02/1").unwrap());
    assert!(store::practice::add(&store, &e, Some("2026-03-02/1")).is_err());
    store::practice::set_deleted(&store, &first.id, true).unwrap();
    assert!(!store::practice::logged_from(&store, "2026-03-02/1").unwrap());
    store::practice::add(&store, &e, Some("2026-03-02/1")).unwrap();
}

#[test]
fn entries_survive_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loopready.sqlite3");
    {
        let store = Store::open(&path).unwrap();
        store::practice::add(&store, &coding(day(2), "kept", 30), None).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store::practice::entries(&store).unwrap().len(), 1);
}

#[test]
fn the_schema_refuses_a_kind_its_data_does_not_carry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let insert = |kind: &str, minutes: i64, data: &str| {
        conn.execute(
            "INSERT INTO practice_entry (uuid, date, kind, minutes, data, created_at, updated_at)
             VALUES (?1, '2026-03-02', ?2, ?3, ?4, 'now', 'now')",
            rusqlite::params![uuid::Uuid::now_v7().to_string(), kind, minutes, data],
        )
    };
    assert!(insert("lp-study", 15, r#"{"kind":"coding"}"#).is_err());
    assert!(insert("mock-session", 15, r#"{"kind":"mock-session"}"#).is_err());
    assert!(insert("lp-study", 601, r#"{"kind":"lp-study"}"#).is_err());
    assert!(insert("lp-study", 15, r#"{"kind":"lp-study","minutes":15}"#).is_ok());
}

/// Five live entries over five days and a deleted one, for the filters.
fn filter_fixture() -> Store {
    let store = Store::open_in_memory().unwrap();
    let hashing = Entry::new(
        day(2),
        Activity::Coding {
            name: "Two sum".into(),
            pattern: Pattern::Hashing,
            difficulty: Difficulty::Easy,
            minutes: 15,
            optimal: true,
        },
    );
    let design = Entry::new(
        day(5),
        Activity::Design {
            name: "URL shortener".into(),
            minutes: 50,
            completeness_pct: 90,
            tradeoffs: true,
        },
    );
    for e in [
        hashing,
        coding(day(3), "Sliding maximum", 30),
        Entry::new(day(4), Activity::LpStudy { minutes: 20 }),
        design,
        coding(day(6), "Longest substring", 40),
    ] {
        store::practice::add(&store, &e, None).unwrap();
    }
    let gone = store::practice::add(&store, &coding(day(6), "Deleted", 10), None).unwrap();
    store::practice::set_deleted(&store, &gone.id, true).unwrap();
    store
}

/// The log's lines under `filter`, newest first, by name (by kind for
/// entries without one), once their count is checked against the count
/// the Log view shows.
fn listed(store: &Store, filter: EntryFilter) -> Vec<String> {
    let rows = store::practice::list_recent(store, -1, &filter).unwrap();
    assert_eq!(
        store::practice::log_count(store, &filter).unwrap(),
        rows.len() as u64,
        "the count under {filter:?}"
    );
    rows.iter()
        .map(|r| match &r.entry.activity {
            Activity::Coding { name, .. } | Activity::Design { name, .. } => name.clone(),
            other => other.kind().as_str().to_string(),
        })
        .collect()
}

#[test]
fn the_log_filtered_by_kind_lists_only_that_kind() {
    let store = filter_fixture();
    let kind = |k| EntryFilter {
        kind: Some(k),
        ..EntryFilter::default()
    };
    assert_eq!(
        listed(&store, kind(EntryKind::Coding)),
        ["Longest substring", "Sliding maximum", "Two sum"]
    );
    assert_eq!(listed(&store, kind(EntryKind::LpStudy)), ["lp-study"]);
    assert!(listed(&store, kind(EntryKind::ExternalMock)).is_empty());
}

#[test]
fn the_log_filtered_by_pattern_lists_only_problems_of_that_pattern() {
    let store = filter_fixture();
    let pattern = |p| EntryFilter {
        pattern: Some(p),
        ..EntryFilter::default()
    };
    assert_eq!(
        listed(&store, pattern(Pattern::SlidingWindow)),
        ["Longest substring", "Sliding maximum"]
    );
    assert_eq!(listed(&store, pattern(Pattern::Hashing)), ["Two sum"]);
    assert!(listed(&store, pattern(Pattern::Bfs)).is_empty());
}

#[test]
fn the_log_filtered_by_dates_includes_both_ends() {
    let store = filter_fixture();
    let between = |from, to| EntryFilter {
        from,
        to,
        ..EntryFilter::default()
    };
    assert_eq!(
        listed(&store, between(Some(day(3)), Some(day(5)))),
        ["URL shortener", "lp-study", "Sliding maximum"]
    );
    assert_eq!(
        listed(&store, between(Some(day(5)), None)),
        ["Longest substring", "URL shortener"]
    );
    assert_eq!(
        listed(&store, between(None, Some(day(3)))),
        ["Sliding maximum", "Two sum"]
    );
    assert_eq!(
        listed(&store, between(Some(day(4)), Some(day(4)))),
        ["lp-study"]
    );
}

#[test]
fn the_log_filters_combine() {
    let store = filter_fixture();
    let filter = EntryFilter {
        kind: Some(EntryKind::Coding),
        pattern: Some(Pattern::SlidingWindow),
        from: Some(day(1)),
        to: Some(day(5)),
    };
    assert_eq!(listed(&store, filter), ["Sliding maximum"]);
    assert_eq!(listed(&store, EntryFilter::default()).len(), 5);
}
