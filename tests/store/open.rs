//! Store tests on a temporary SQLite file: migrations, durability, refusals.

use chrono::{NaiveDate, Weekday};
use loopready::plan::profile::{CurrentLevel, Profile, Risk, TargetLevel, Track};
use loopready::store::{self, Store};

fn profile() -> Profile {
    Profile {
        interview_date: NaiveDate::from_ymd_opt(2030, 1, 15).unwrap(),
        target_level: TargetLevel::L7,
        track: Track::Manager,
        current_level: CurrentLevel::SeniorManager,
        hours_per_week: 12,
        prep_days: vec![Weekday::Mon, Weekday::Sat],
        risk: Risk::Low,
    }
}

#[test]
fn migrations_bring_an_empty_file_to_the_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("new").join("db.sqlite3")).unwrap();
    assert!(store.schema_version().unwrap() >= 1);
    assert_eq!(store::profile::get(&store).unwrap(), None);
}

#[test]
fn a_saved_profile_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    store::profile::save(&Store::open(&path).unwrap(), &profile()).unwrap();

    let reopened = Store::open(&path).unwrap();
    assert_eq!(store::profile::get(&reopened).unwrap(), Some(profile()));
}

#[test]
fn saving_again_replaces_the_single_profile_row() {
    let store = Store::open_in_memory().unwrap();
    store::profile::save(&store, &profile()).unwrap();
    let mut changed = profile();
    changed.hours_per_week = 30;
    store::profile::save(&store, &changed).unwrap();
    assert_eq!(
        store::profile::get(&store).unwrap().unwrap().hours_per_week,
        30
    );
}

#[test]
fn the_schema_refuses_hours_outside_the_range_even_past_validation() {
    let store = Store::open_in_memory().unwrap();
    let mut bad = profile();
    bad.hours_per_week = 81;
    assert!(store::profile::save(&store, &bad).is_err());
    assert_eq!(store::profile::get(&store).unwrap(), None);
}

#[test]
fn reopening_with_wal_keeps_the_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn data_version_moves_when_another_connection_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let window = Store::open(&path).unwrap();
    let before = window.data_version().unwrap();
    store::profile::save(&Store::open(&path).unwrap(), &profile()).unwrap();
    assert_ne!(window.data_version().unwrap(), before);
}
