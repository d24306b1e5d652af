//! Backups and recovery on real files: a backup is a sound copy with the
//! same rows, a damaged live file is kept aside and replaced by the newest
//! good backup, and a file from a newer version is refused untouched.

use std::path::Path;

use chrono::{TimeZone, Utc};
use loopready::error::AppError;
use loopready::store::backup::{self, backup_dir};
use loopready::store::{self, Store};
use loopready::stories::StoryDraft;

fn story(title: &str) -> StoryDraft {
    StoryDraft {
        title: title.into(),
        action: "I fixed it.".into(),
        ..StoryDraft::default()
    }
}

fn db(dir: &Path) -> std::path::PathBuf {
    dir.join("loopready.sqlite3")
}

/// Taking a backup and listing the backups (which reads each one's story
/// count) leaves the backup alone in its folder: no -wal or -shm beside it.
#[test]
fn listing_backups_leaves_no_files_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&db(dir.path())).unwrap();
    store::stories::create(&s, &story("S"), "x").unwrap();
    let info = backup::create(&s, &backup_dir(dir.path()), Utc::now(), "exit").unwrap();
    let listed = backup::list(&backup_dir(dir.path())).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].stories, 1);
    let mut names: Vec<String> = std::fs::read_dir(backup_dir(dir.path()))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec![info.file]);
}

/// Two backups in the same instant (two imports in a row) are two files:
/// the second never replaces the first, and the list keeps their order.
#[test]
fn backups_in_the_same_instant_keep_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&db(dir.path())).unwrap();
    let now = Utc::now();
    let first = backup::create(&s, &backup_dir(dir.path()), now, "import").unwrap();
    store::stories::create(&s, &story("S"), "x").unwrap();
    let second = backup::create(&s, &backup_dir(dir.path()), now, "import").unwrap();
    assert_ne!(first.file, second.file);
    let listed = backup::list(&backup_dir(dir.path())).unwrap();
    let files: Vec<&str> = listed.iter().map(|b| b.file.as_str()).collect();
    assert_eq!(files, vec![second.file.as_str(), first.file.as_str()]);
    assert_eq!((listed[0].stories, listed[1].stories), (1, 0));
}

#[test]
fn a_backup_passes_quick_check_with_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&db(dir.path())).unwrap();
    for i in 0..5 {
        store::stories::create(&s, &story(&format!("S{i}")), "x").unwrap();
    }
    let info = backup::create(&s, &backup_dir(dir.path()), Utc::now(), "manual").unwrap();
    assert_eq!(info.stories, 5);
    let copy = rusqlite::Connection::open(backup_dir(dir.path()).join(&info.file)).unwrap();
    assert!(backup::is_sound(&copy));
    let n: u32 = copy
        .query_row("SELECT count(*) FROM story", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 5);
    let leftovers = std::fs::read_dir(backup_dir(dir.path()))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".partial")
        });
    assert_eq!(leftovers.count(), 0);
}

#[test]
fn a_damaged_database_is_kept_aside_and_the_newest_good_backup_restored() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(&db(dir.path())).unwrap();
        store::stories::create(&s, &story("Kept"), "x").unwrap();
        backup::create(
            &s,
            &backup_dir(dir.path()),
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            "auto",
        )
        .unwrap();
        store::stories::create(&s, &story("After the backup"), "x").unwrap();
    }
    // Not a database any more.
    std::fs::write(
        db(dir.path()),
        b"this is not an SQLite file, it was scribbled over",
    )
    .unwrap();
    let _ = std::fs::remove_file(dir.path().join("loopready.sqlite3-wal"));

    let (s, notices) = backup::open_with_recovery(dir.path(), Utc::now()).unwrap();
    let titles: Vec<String> = store::stories::list(&s)
        .unwrap()
        .into_iter()
        .map(|r| r.draft.title)
        .collect();
    assert_eq!(titles, ["Kept"]);
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("restored the backup"), "{}", notices[0]);
    let kept_aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".damaged-")
        })
        .count();
    assert!(kept_aside >= 1, "the damaged file is kept");
}

#[test]
fn a_damaged_database_without_backups_starts_empty_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(db(dir.path()), vec![0x42; 8192]).unwrap();
    let (s, notices) = backup::open_with_recovery(dir.path(), Utc::now()).unwrap();
    assert!(store::stories::list(&s).unwrap().is_empty());
    assert!(notices[0].contains("no backup exists"), "{}", notices[0]);
}

/// SQLite reads a zero-length file as a sound, empty database: an emptied
/// newest backup must not be restored in place of the older good one, and
/// a live file cut to nothing is damage when a backup can bring it back.
#[test]
fn emptied_files_are_damage_not_empty_databases() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(&db(dir.path())).unwrap();
        store::stories::create(&s, &story("Kept"), "x").unwrap();
        let at = |d| Utc.with_ymd_and_hms(2026, 1, d, 0, 0, 0).unwrap();
        backup::create(&s, &backup_dir(dir.path()), at(1), "auto").unwrap();
        let newest = backup::create(&s, &backup_dir(dir.path()), at(2), "auto").unwrap();
        std::fs::write(backup_dir(dir.path()).join(newest.file), b"").unwrap();
    }
    for side in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("loopready.sqlite3{side}")));
    }
    std::fs::write(db(dir.path()), b"").unwrap();

    let (s, notices) = backup::open_with_recovery(dir.path(), Utc::now()).unwrap();
    assert_eq!(store::stories::list(&s).unwrap().len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("2026-01-01"),
        "the older backup: {notices:?}"
    );

    // With no backup at all, an empty file is just a first start.
    let fresh = tempfile::tempdir().unwrap();
    std::fs::write(db(fresh.path()), b"").unwrap();
    let (_, notices) = backup::open_with_recovery(fresh.path(), Utc::now()).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
}

/// A flipped bit can leave a row that breaks its own CHECK constraint (a
/// title's length, a minute count). SQLite's quick_check only sees that on
/// a connection that may write: such a file is damage, and the backup
/// comes back.
#[test]
fn a_row_that_breaks_its_check_constraint_is_damage() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(&db(dir.path())).unwrap();
        store::stories::create(&s, &story("Kept"), "x").unwrap();
        backup::create(&s, &backup_dir(dir.path()), Utc::now(), "auto").unwrap();
    }
    let c = rusqlite::Connection::open(db(dir.path())).unwrap();
    c.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE story SET title = '';",
    )
    .unwrap();
    drop(c);
    let (s, notices) = backup::open_with_recovery(dir.path(), Utc::now()).unwrap();
    assert!(notices[0].contains("restored the backup"), "{notices:?}");
    assert_eq!(store::stories::list(&s).unwrap()[0].draft.title, "Kept");
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(&db(dir.path())).unwrap();
        drop(s);
        let c = rusqlite::Connection::open(db(dir.path())).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(db(dir.path())).unwrap();
    let err = backup::open_with_recovery(dir.path(), Utc::now())
        .err()
        .unwrap();
    assert!(matches!(err, AppError::TooNew(_)), "{err}");
    assert_eq!(std::fs::read(db(dir.path())).unwrap(), before);
}

#[test]
fn restoring_a_backup_brings_its_rows_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&db(dir.path())).unwrap();
    store::stories::create(&s, &story("One"), "x").unwrap();
    let info = backup::create(&s, &backup_dir(dir.path()), Utc::now(), "manual").unwrap();
    store::stories::create(&s, &story("Two"), "x").unwrap();
    backup::restore(&mut s, &backup_dir(dir.path()), &info.file).unwrap();
    assert_eq!(store::stories::list(&s).unwrap().len(), 1);
}

#[test]
fn only_backup_file_names_can_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&db(dir.path())).unwrap();
    let err = backup::restore(&mut s, &backup_dir(dir.path()), "../loopready.sqlite3").unwrap_err();
    assert!(matches!(err, AppError::Invalid(_)));
}

#[test]
fn the_thinning_counts_are_a_setting_with_limits() {
    let s = loopready::store::Store::open_in_memory().unwrap();
    let defaults = loopready::store::backup::policy(&s).unwrap();
    assert_eq!(
        (defaults.daily, defaults.weekly, defaults.monthly),
        (12, 10, 9)
    );
    let set = loopready::store::backup::set_policy(&s, 5, 4, 3).unwrap();
    assert_eq!((set.daily, set.weekly, set.monthly), (5, 4, 3));
    assert!(loopready::store::backup::set_policy(&s, 0, 4, 3).is_err());
    assert!(loopready::store::backup::set_policy(&s, 5, 4, 99).is_err());
    let kept = loopready::store::backup::policy(&s).unwrap();
    assert_eq!(
        (kept.daily, kept.weekly, kept.monthly),
        (5, 4, 3),
        "a refusal wrote nothing"
    );
}
