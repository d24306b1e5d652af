//! Backups and recovery. Backups are taken with SQLite's online backup API
//! into a temporary name and renamed into place, so a crash never leaves a
//! partial file under a backup's name. They are thinned like a good backup
//! tool (the newest of each recent day, week and month). At start the live
//! file is checked; a damaged one is kept aside, never deleted, and the
//! newest good backup takes its place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde::Serialize;

use super::Store;
use crate::error::{AppError, AppResult};
use crate::store::DB_FILE;

pub const BACKUP_DIR: &str = "backups";
const PREFIX: &str = "loopready-";
const SUFFIX: &str = ".sqlite3";
const TIME_FORMAT: &str = "%Y%m%dT%H%M%SZ";
/// A backup's name carries its time to the millisecond, so two backups in
/// the same second (two imports in a row) keep two files. Names from before
/// carry whole seconds and still parse: `%.f` reads an optional fraction.
const NAME_TIME: &str = "%Y%m%dT%H%M%S%.3fZ";
const NAME_TIME_PARSE: &str = "%Y%m%dT%H%M%S%.fZ";

/// How many backups to keep: the newest of each of the last `daily` days,
/// `weekly` weeks and `monthly` months, and always the `recent` newest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub recent: usize,
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            recent: 3,
            daily: 12,
            weekly: 10,
            monthly: 9,
        }
    }
}

/// Settings keys for the thinning counts.
const POLICY_KEYS: [&str; 3] = ["backups.daily", "backups.weekly", "backups.monthly"];
/// Largest count accepted for each of daily, weekly and monthly.
pub const POLICY_MAX: usize = 60;

/// The thinning counts the user chose (the defaults where none).
pub fn policy(store: &Store) -> AppResult<Policy> {
    let d = Policy::default();
    let read = |key: &str, default: usize| -> AppResult<usize> {
        Ok(super::settings::get(store, key)?
            .and_then(|v| v.parse().ok())
            .filter(|n| (1..=POLICY_MAX).contains(n))
            .unwrap_or(default))
    };
    Ok(Policy {
        recent: d.recent,
        daily: read(POLICY_KEYS[0], d.daily)?,
        weekly: read(POLICY_KEYS[1], d.weekly)?,
        monthly: read(POLICY_KEYS[2], d.monthly)?,
    })
}

/// Stores the thinning counts, each 1 to [`POLICY_MAX`]; a refusal writes
/// nothing.
pub fn set_policy(store: &Store, daily: usize, weekly: usize, monthly: usize) -> AppResult<Policy> {
    for (name, n) in [("daily", daily), ("weekly", weekly), ("monthly", monthly)] {
        kept_count(name, n as f64)?;
    }
    let tx = store.conn().unchecked_transaction()?;
    for (key, n) in POLICY_KEYS.iter().zip([daily, weekly, monthly]) {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params![key, n.to_string()],
        )?;
    }
    tx.commit()?;
    policy(store)
}

/// How many `name` ("daily", "weekly", "monthly") backups to keep, as
/// typed: a whole number from 1 to [`POLICY_MAX`], refused by the name of
/// its input otherwise.
pub fn kept_count(name: &'static str, typed: f64) -> AppResult<usize> {
    if typed.fract() == 0.0 && (1.0..=POLICY_MAX as f64).contains(&typed) {
        // A whole number from 1 to POLICY_MAX, checked above.
        Ok(typed as usize)
    } else {
        Err(AppError::field(
            name,
            format!("Keep 1 to {POLICY_MAX} {name} backups, a whole number (got {typed})."),
        ))
    }
}

/// One backup file, as Settings lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub file: String,
    pub taken_at: DateTime<Utc>,
    pub reason: String,
    pub bytes: u64,
    /// Stories in the backup (0 in backups from before the story bank).
    pub stories: u32,
}

pub fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

/// `PRAGMA quick_check` says the file is sound.
pub fn is_sound(conn: &Connection) -> bool {
    conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
        .map(|s| s == "ok")
        .unwrap_or(false)
}

fn file_name(at: DateTime<Utc>, reason: &str) -> String {
    format!("{PREFIX}{}-{reason}{SUFFIX}", at.format(NAME_TIME))
}

/// A name in `dir` for a backup taken at `at` that no backup has yet: when
/// the millisecond is taken, the next free one (so order is kept and
/// nothing is replaced).
fn free_name(dir: &Path, mut at: DateTime<Utc>, reason: &str) -> String {
    loop {
        let name = file_name(at, reason);
        if !dir.join(&name).exists() {
            return name;
        }
        at += chrono::Duration::milliseconds(1);
    }
}

/// Reads the time and reason back from a backup's file name.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, String)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (time, reason) = rest.split_once('-')?;
    let at = NaiveDateTime::parse_from_str(time, NAME_TIME_PARSE)
        .ok()?
        .and_utc();
    Some((at, reason.to_owned()))
}

/// Copies the live database into `dir` and returns the new backup. A live
/// file that fails `quick_check` is refused, so a damaged state never
/// becomes a backup (and never pushes good ones out).
pub fn create(
    store: &Store,
    dir: &Path,
    now: DateTime<Utc>,
    reason: &str,
) -> AppResult<BackupInfo> {
    if !is_sound(store.conn()) {
        return Err(AppError::Corrupt(
            "The database failed its integrity check, so it was not backed up.".into(),
        ));
    }
    std::fs::create_dir_all(dir)?;
    let name = free_name(dir, now, reason);
    let tmp = dir.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&tmp);
    let dest = dir.join(&name);
    let copied = (|| -> AppResult<()> {
        store.conn().backup(rusqlite::MAIN_DB, &tmp, None)?;
        // Make the copy durable before it takes its final name.
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, &dest)?;
        Ok(())
    })();
    if let Err(e) = copied {
        // On a full disk a half copy (and its journal) would only take the
        // space left.
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(dir.join(format!(".{name}.partial-journal")));
        return Err(e);
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    describe(&dest).ok_or_else(|| AppError::Internal("a new backup could not be read back".into()))
}

fn describe(path: &Path) -> Option<BackupInfo> {
    let name = path.file_name()?.to_str()?.to_owned();
    let (taken_at, reason) = parse_name(&name)?;
    let bytes = std::fs::metadata(path).ok()?.len();
    // Immutable: a backup copied from the live file keeps its WAL mode, and
    // a plain read-only open would leave -wal and -shm files beside it.
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
    let stories = Connection::open_with_flags(super::immutable_uri(path), flags)
        .ok()
        .and_then(|c| {
            c.query_row(
                "SELECT count(*) FROM story WHERE deleted_at IS NULL",
                [],
                |r| r.get(0),
            )
            .ok()
        })
        .unwrap_or(0);
    Some(BackupInfo {
        file: name,
        taken_at,
        reason,
        bytes,
        stories,
    })
}

/// Every backup in `dir`, newest first.
pub fn list(dir: &Path) -> AppResult<Vec<BackupInfo>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut all: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| describe(&e.path()))
        .collect();
    all.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.file.cmp(&a.file)));
    Ok(all)
}

/// Which of `times` (any order) to keep under `policy`, as indexes.
pub fn keep(times: &[DateTime<Utc>], policy: Policy) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[b].cmp(&times[a]));
    let mut kept: BTreeSet<usize> = order.iter().take(policy.recent).copied().collect();
    let mut pick = |bucket: &dyn Fn(DateTime<Utc>) -> (i32, u32), limit: usize| {
        let mut seen = Vec::new();
        for &i in &order {
            let b = bucket(times[i]);
            if !seen.contains(&b) {
                if seen.len() == limit {
                    break;
                }
                seen.push(b);
                kept.insert(i);
            }
        }
    };
    pick(&|t| (t.year(), t.ordinal()), policy.daily);
    pick(
        &|t| (t.iso_week().year(), t.iso_week().week()),
        policy.weekly,
    );
    pick(&|t| (t.year(), t.month()), policy.monthly);
    kept
}

/// Deletes the backups `policy` does not keep; returns how many went.
pub fn thin(dir: &Path, policy: Policy) -> AppResult<usize> {
    let all = list(dir)?;
    let times: Vec<DateTime<Utc>> = all.iter().map(|b| b.taken_at).collect();
    let kept = keep(&times, policy);
    let mut removed = 0;
    for (i, b) in all.iter().enumerate() {
        if !kept.contains(&i) {
            std::fs::remove_file(dir.join(&b.file))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Replaces the live database's content with a backup's, through the
/// backup API (other connections see the restored data).
pub fn restore(store: &mut Store, dir: &Path, file: &str) -> AppResult<()> {
    if file.contains('/') || file.contains('\\') || parse_name(file).is_none() {
        return Err(AppError::Invalid(format!(
            "'{file}' is not one of Loopready's backups."
        )));
    }
    let path = dir.join(file);
    if !path.is_file() {
        return Err(AppError::NotFound(format!("The backup {file}")));
    }
    if !matches!(file_state(&path), Ok(FileState::Sound)) {
        return Err(AppError::Corrupt(format!(
            "The backup {file} is damaged; choose another one."
        )));
    }
    store.conn_mut().restore(
        rusqlite::MAIN_DB,
        &path,
        None::<fn(rusqlite::backup::Progress)>,
    )?;
    store.migrate()
}

/// What happened while opening, for the window to say.
pub type Notices = Vec<String>;

/// Opens the live database, recovering from a damaged file: it is moved
/// aside (kept), the newest sound backup is copied into its place, and the
/// notices say so. Backs the file up before any schema migration.
pub fn open_with_recovery(data_dir: &Path, now: DateTime<Utc>) -> AppResult<(Store, Notices)> {
    let db = data_dir.join(DB_FILE);
    let dir = backup_dir(data_dir);
    if db.exists() && !folder_is_writable(data_dir) {
        return open_to_read(data_dir, &db);
    }
    let mut notices = Vec::new();
    // A file with no tables at all is only damage when there is something
    // to restore (a crash before the first write leaves one too).
    let state = if db.exists() {
        file_state(&db)?
    } else {
        FileState::Sound
    };
    let good = match state {
        FileState::Sound => None,
        FileState::Blank | FileState::Damaged => list(&dir)?
            .into_iter()
            .find(|b| matches!(file_state(&dir.join(&b.file)), Ok(FileState::Sound))),
    };
    if state == FileState::Damaged || (state == FileState::Blank && good.is_some()) {
        let aside = data_dir.join(format!("{DB_FILE}.damaged-{}", now.format(TIME_FORMAT)));
        std::fs::rename(&db, &aside)?;
        for ext in ["-wal", "-shm"] {
            let side = data_dir.join(format!("{DB_FILE}{ext}"));
            if side.exists() {
                let _ = std::fs::rename(
                    &side,
                    data_dir.join(format!(
                        "{DB_FILE}.damaged-{}{ext}",
                        now.format(TIME_FORMAT)
                    )),
                );
            }
        }
        match good {
            Some(b) => {
                std::fs::copy(dir.join(&b.file), &db)?;
                notices.push(format!(
                    "Your database was damaged, so Loopready restored the backup from {} ({} stories). \
                     The damaged file is kept at {}.",
                    b.taken_at.format("%Y-%m-%d %H:%M UTC"),
                    b.stories,
                    aside.display()
                ));
            }
            None => notices.push(format!(
                "Your database was damaged and no backup exists, so Loopready started empty. \
                 The damaged file is kept at {}.",
                aside.display()
            )),
        }
    }
    let mut store = Store::open_unmigrated(&db)?;
    let pending = store.pending_migrations()?;
    if pending > 0 && store.schema_version()? > 0 {
        create(&store, &dir, now, "before-upgrade")?;
    }
    store.migrate()?;
    Ok((store, notices))
}

/// Opens the data of a folder that cannot be written, to read: nothing can
/// be moved aside, restored or upgraded there, so a file that needs any of
/// that is refused with what to do.
fn open_to_read(data_dir: &Path, db: &Path) -> AppResult<(Store, Notices)> {
    let folder = data_dir.display();
    let mut store = Store::open_read_only(db)?;
    if !is_sound(store.conn()) {
        return Err(AppError::Corrupt(format!(
            "The database in {folder} is damaged, and the folder cannot be written, so no backup \
             can be restored. Make the folder writable, then start Loopready again."
        )));
    }
    match store.pending_migrations()? {
        0 => {}
        p if p < 0 => store.migrate()?, // refuses a newer file without writing
        _ => {
            return Err(AppError::Invalid(format!(
                "This data needs an upgrade, and {folder} cannot be written. Make the folder \
                 writable, then start Loopready again."
            )))
        }
    }
    let notice = format!(
        "Loopready cannot write to {folder}: you can read everything, but nothing you change \
         will be saved. Make the folder writable, then start Loopready again."
    );
    Ok((store, vec![notice]))
}

/// Whether new files can be made in `dir` (and so the database's log, its
/// backups and its sync files written there).
pub fn folder_is_writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".write-probe-{}", std::process::id()));
    let made = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    made
}

/// What a file is, as a Loopready database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileState {
    /// It opens, passes `quick_check` and has Loopready's tables.
    Sound,
    /// It opens as a database with no tables at all: an empty or emptied
    /// file (SQLite reads a zero-length file as a sound, empty database).
    Blank,
    Damaged,
}

/// What the file at `path` is. A file that cannot be read for another
/// reason than damage (a full disk, no permission, an I/O error) is an
/// error: it is not moved aside as damaged.
fn file_state(path: &Path) -> AppResult<FileState> {
    let damaged_or = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Ok(FileState::Damaged),
        _ => Err(AppError::from(e)),
    };
    // Read-write (never creating): on a read-only connection quick_check
    // leaves CHECK constraints unchecked, and a flipped bit in a story's
    // text passed it.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match Connection::open_with_flags(path, flags) {
        Ok(conn) => conn,
        Err(e) => return damaged_or(e),
    };
    // The check reads every page once; a small cache serves it as well as
    // the default 2 MB would, which would outlive the connection in the
    // allocator's free lists.
    if let Err(e) = conn.pragma_update(None, "cache_size", -256) {
        return damaged_or(e);
    }
    match conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)) {
        Ok(result) if result == "ok" => {}
        Ok(_) => return Ok(FileState::Damaged),
        Err(e) => return damaged_or(e),
    }
    match conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)) {
        Ok(v) if v > 0 => Ok(FileState::Sound),
        Ok(_) => Ok(FileState::Blank),
        Err(e) => damaged_or(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn names_round_trip_their_time_and_reason() {
        let t = at(2026, 11, 25, 17);
        assert_eq!(
            parse_name(&file_name(t, "auto")),
            Some((t, "auto".to_owned()))
        );
        assert_eq!(parse_name("notes.txt"), None);
        let t = t + chrono::Duration::milliseconds(7);
        assert_eq!(
            parse_name(&file_name(t, "import")),
            Some((t, "import".to_owned()))
        );
    }

    #[test]
    fn names_from_before_milliseconds_still_parse() {
        assert_eq!(
            parse_name("loopready-20261125T170000Z-auto.sqlite3"),
            Some((at(2026, 11, 25, 17), "auto".to_owned()))
        );
    }

    #[test]
    fn thinning_keeps_one_a_day_for_twelve_days_then_weeks_then_months() {
        // Four backups a day for 400 days.
        let start = at(2025, 1, 1, 0);
        let times: Vec<_> = (0..1600)
            .map(|i| start + chrono::Duration::hours(6 * i))
            .collect();
        let kept = keep(&times, Policy::default());
        let newest = *times.iter().max().unwrap();
        let kept_times: Vec<_> = kept.iter().map(|&i| times[i]).collect();
        assert!(kept_times.contains(&newest));
        // 3 recent + at most 12 daily + 10 weekly + 9 monthly, overlapping.
        assert!(kept.len() <= 3 + 12 + 10 + 9, "{}", kept.len());
        assert!(kept.len() >= 20, "{}", kept.len());
        let oldest_kept = kept_times.iter().min().unwrap();
        assert!(
            newest - *oldest_kept > chrono::Duration::days(200),
            "months reach back"
        );
    }

    #[test]
    fn thinning_keeps_everything_when_there_are_few() {
        let times = vec![at(2026, 1, 1, 0), at(2026, 1, 1, 1)];
        assert_eq!(keep(&times, Policy::default()).len(), 2);
    }
}
