//! SQLite storage: opening the file, its pragmas, the migrations, and one
//! file of queries per area. Every SQL string in the app lives under here;
//! callers get domain types back.

pub mod backup;
pub mod codec;
pub mod evidence;
pub mod files;
pub mod log_sync;
pub mod plan;
pub mod practice;
pub mod profile;
pub mod rehearsal;
#[doc(hidden)]
pub mod sample;
pub mod search_rank;
pub mod settings;
pub mod stories;
pub mod sync;
pub mod tasks;
pub mod timer;
pub mod transfer;

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

/// The database's file name inside the data folder.
pub const DB_FILE: &str = "loopready.sqlite3";

use crate::error::{AppError, AppResult};
use crate::practice::ledger::DayTotals;
use crate::practice::Minimums;
use log_sync::LogSyncer;

/// The version whose migration added `rehearsal_state`, which
/// [`Store::migrate`] fills from the rehearsals of older files.
const REHEARSAL_STATE_VERSION: i64 = 10;

/// Numbered migrations, applied in order and tracked by `PRAGMA user_version`.
/// Released files are never edited; a change is a new file.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_init.sql")),
        M::up(include_str!("migrations/002_plans.sql")),
        M::up(include_str!("migrations/003_timer.sql")),
        M::up(include_str!("migrations/004_stories.sql")),
        M::up(include_str!("migrations/005_mock_scores.sql")),
        M::up(include_str!("migrations/006_practice.sql")),
        M::up(include_str!("migrations/007_rehearsal.sql")),
        M::up(include_str!("migrations/008_practice_days.sql")),
        M::up(include_str!("migrations/009_story_findings.sql")),
        M::up(include_str!("migrations/010_rehearsal_state.sql")),
        M::up(include_str!("migrations/011_read_indexes.sql")),
        M::up(include_str!("migrations/012_change_counts.sql")),
        M::up(include_str!("migrations/013_search_bank_only.sql")),
        M::up(include_str!("migrations/014_queue_order.sql")),
        M::up_with_hook(
            include_str!("migrations/015_evidence.sql"),
            |tx: &rusqlite::Transaction| -> rusqlite_migration::HookResult {
                evidence::rebuild(tx)?;
                Ok(())
            },
        ),
        M::up_with_hook(
            include_str!("migrations/016_problem_attempts.sql"),
            |tx: &rusqlite::Transaction| -> rusqlite_migration::HookResult {
                tasks::fill_problem_keys(tx)?;
                Ok(())
            },
        ),
        M::up(include_str!("migrations/017_loop_scores.sql")),
        M::up(include_str!("migrations/018_day_work_indexes.sql")),
        M::up_with_hook(
            include_str!("migrations/019_sync.sql"),
            |tx: &rusqlite::Transaction| -> rusqlite_migration::HookResult {
                sync::install(tx)?;
                Ok(())
            },
        ),
        M::up(include_str!("migrations/020_sync_conflicts.sql")),
    ])
});

/// How long a writer waits for another process (the CLI beside the window)
/// before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open, migrated database.
pub struct Store {
    conn: Connection,
    memo: RefCell<Memo>,
    /// Set by [`Store::sync_in_background`]: the thread that flushes the
    /// log after commits, and `total_changes` when it was last asked to.
    syncer: Option<LogSyncer>,
    synced_changes: Cell<u64>,
    /// The stories' change count when [`Store::tidy_search_index`] last ran.
    search_tidied_at: Cell<Option<i64>>,
}

/// Figures read from the whole of one area (every day's totals, the days
/// that met the minimums, the drafted stories, the ended mock rounds, the
/// parsed plan, the rehearsal queue's counts), kept
/// while that area is unchanged, so the commands one view calls together,
/// and writes elsewhere (a tick in the schedule), do not read them again.
/// Each is kept with its area's `change_count`, which triggers move on any
/// row written by any connection; a commit through another connection
/// (moving `PRAGMA data_version`) drops them all, as a restore there could
/// bring back an older count. Nothing is kept from inside a transaction,
/// which could still roll back.
#[derive(Default)]
pub(crate) struct Memo {
    data_version: Option<i64>,
    pub(crate) totals: Option<(i64, DayTotals)>,
    pub(crate) met_days: Option<(i64, (Minimums, BTreeSet<NaiveDate>))>,
    pub(crate) draft_counts: Option<(i64, (u32, u32))>,
    pub(crate) ended_count: Option<(i64, u32)>,
    pub(crate) plan_state: Option<(i64, Option<plan::PlanState>)>,
    pub(crate) due_story_count: Option<(i64, (NaiveDate, usize))>,
    pub(crate) fresh_stories: Option<(i64, (usize, Vec<rehearsal::QueueStory>))>,
    pub(crate) story_facts: KeptFor<NaiveDate, std::sync::Arc<Vec<crate::plan::tasks::StoryFact>>>,
    pub(crate) problem_history: Option<(i64, std::sync::Arc<crate::problems::History>)>,
}

/// A [`Memo`] slot: the area's change count and the value kept, here read
/// for an argument kept beside it.
type KeptFor<A, T> = Option<(i64, (A, T))>;

/// The areas whose changes [`Memo`] counts (`change_count.area`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Area {
    Practice,
    Stories,
    Mocks,
    Plan,
    Rehearsal,
}

impl Area {
    fn name(self) -> &'static str {
        match self {
            Area::Practice => "practice",
            Area::Stories => "stories",
            Area::Mocks => "mocks",
            Area::Plan => "plan",
            Area::Rehearsal => "rehearsal",
        }
    }
}

/// The URI that opens `path` as a file nothing else changes: read with no
/// locks and no `-wal` or `-shm` files beside it (open it with
/// `SQLITE_OPEN_URI`).
pub(crate) fn immutable_uri(path: &Path) -> String {
    let escaped = path
        .to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23");
    format!("file:{escaped}?immutable=1")
}

/// Room for every statement the app prepares (about 70) with some to spare.
const STATEMENT_CACHE: usize = 128;

impl Store {
    /// Opens (creating if needed) the database file, sets the pragmas and
    /// brings the schema up to date.
    pub fn open(path: &Path) -> AppResult<Store> {
        let mut store = Self::open_unmigrated(path)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens the file with the app's pragmas but leaves the schema as it is,
    /// so the caller can check and back it up before migrating.
    pub fn open_unmigrated(path: &Path) -> AppResult<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        Self::configure(Connection::open(path)?)
    }

    /// Opens the file to read only, for a folder that cannot be written.
    /// SQLite reads a WAL database there only when its log files already
    /// exist; otherwise the file is read as it stands (`immutable`).
    pub fn open_read_only(path: &Path) -> AppResult<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // Reading the schema is what fails when the log files cannot be
        // opened; soundness is the caller's to check.
        let with_log = Connection::open_with_flags(path, flags).ok().filter(|c| {
            c.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok()
        });
        let conn = match with_log {
            Some(conn) => conn,
            None => Connection::open_with_flags(immutable_uri(path), flags)?,
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Self::finish(conn)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> AppResult<Store> {
        let mut store = Self::configure(Connection::open_in_memory()?)?;
        store.migrate()?;
        Ok(store)
    }

    /// Takes WAL checkpoints off this connection's commits. SQLite otherwise
    /// copies the log into the database (and fsyncs it) inside whichever
    /// commit crosses 1000 pages, which made one autosave in a hundred
    /// several times slower than the rest. The window's connection calls
    /// this and its backup thread runs [`Store::checkpoint`] every minute.
    pub fn defer_checkpoints(&self) -> AppResult<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(())
    }

    /// Copies the write-ahead log into the database without waiting for
    /// readers or blocking writers (a passive checkpoint).
    pub fn checkpoint(&self) -> AppResult<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Lets commits return before they reach the disk, flushed by a thread
    /// of their own right after (see [`log_sync`]); the owner calls
    /// [`Store::sync_if_changed`] when it is done with a batch of work. For
    /// the window's connection, where an autosave should not wait for the
    /// disk; other connections keep a flush inside every commit.
    pub fn sync_in_background(&mut self) -> AppResult<()> {
        let Some(path) = self.conn.path().filter(|p| !p.is_empty()) else {
            return Ok(());
        };
        let wal = std::path::PathBuf::from(format!("{path}-wal"));
        self.syncer = Some(LogSyncer::spawn(wal)?);
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.synced_changes.set(self.conn.total_changes());
        Ok(())
    }

    /// How many log flushes the background thread has completed (`None`
    /// when commits flush themselves).
    pub fn background_flushes(&self) -> Option<u64> {
        self.syncer.as_ref().map(LogSyncer::flushed)
    }

    /// Asks the flushing thread to flush the log if rows changed since it
    /// was last asked.
    pub fn sync_if_changed(&self) {
        if let Some(syncer) = &self.syncer {
            let changes = self.conn.total_changes();
            if changes != self.synced_changes.replace(changes) {
                syncer.request();
            }
        }
    }

    fn configure(conn: Connection) -> AppResult<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL lets the CLI read while the window writes; FULL because a lost
        // story is worse than a slower write. The window's connection moves
        // the flush just after the commit (`sync_in_background`).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Self::finish(conn)
    }

    /// What every connection has, read-write or not: the search ranking
    /// function and the statement cache.
    fn finish(conn: Connection) -> AppResult<Store> {
        search_rank::register(&conn)?;
        // Every statement stays compiled, triggers included: a write's SQL
        // and its triggers were otherwise compiled afresh on each call.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Store {
            conn,
            memo: RefCell::default(),
            syncer: None,
            synced_changes: Cell::new(0),
            search_tidied_at: Cell::new(None),
        })
    }

    /// Applies the migrations the file lacks. A file written by a newer
    /// version of the app is refused, untouched.
    pub fn migrate(&mut self) -> AppResult<()> {
        let pending = self.pending_migrations()?;
        if pending < 0 {
            let version = self.schema_version()?;
            let latest = version + i64::from(pending);
            return Err(AppError::TooNew(format!(
                "This data was written by a newer version of Loopready (schema {version}; this version knows {latest}). \
                 Update Loopready to open it; the file was not changed."
            )));
        }
        let before = self.schema_version()?;
        MIGRATIONS.to_latest(&mut self.conn)?;
        stories::fill_findings(self)?;
        if before < REHEARSAL_STATE_VERSION {
            let tx = self.conn.transaction()?;
            rehearsal::rebuild_states(&tx)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Writes a new file at the older schema `version`, as the Loopready of
    /// that version left it, for tests of upgrades from it.
    pub fn create_at_version(path: &Path, version: usize) -> AppResult<()> {
        let mut conn = Connection::open(path)?;
        MIGRATIONS.to_version(&mut conn, version)?;
        Ok(())
    }

    /// How many migrations the file lacks (negative: it is ahead of this build).
    pub fn pending_migrations(&self) -> AppResult<i32> {
        Ok(MIGRATIONS.pending_migrations(&self.conn)?)
    }

    /// The schema version the file is at.
    pub fn schema_version(&self) -> AppResult<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// A number that changes whenever another connection (the command line
    /// beside the window) commits to the file; the window polls it on focus.
    pub fn data_version(&self) -> AppResult<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// How many times `area`'s rows have changed (see [`Memo`]).
    fn change_count(&self, area: Area) -> AppResult<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT n FROM change_count WHERE area = ?1")?
            .query_row([area.name()], |r| r.get(0))?)
    }

    /// Merges the search index into one segment if stories changed since
    /// this connection last did; `true` when it did. Every autosave adds a
    /// small segment (and a delete marker for the old text), so after a
    /// few hundred saves each search walks dozens of them. The backup
    /// thread calls this each minute; on 500 stories it takes about 10 ms.
    pub fn tidy_search_index(&self) -> AppResult<bool> {
        let count = self.change_count(Area::Stories)?;
        if self.search_tidied_at.get() == Some(count) {
            return Ok(false);
        }
        self.conn
            .execute("INSERT INTO story_fts (story_fts) VALUES ('optimize')", [])?;
        self.search_tidied_at.set(Some(count));
        Ok(true)
    }

    /// The value `slot` keeps for `area` as it is now, computing and keeping
    /// it when there is none (see [`Memo`]).
    pub(crate) fn memoized<T: Clone>(
        &self,
        area: Area,
        slot: fn(&mut Memo) -> &mut Option<(i64, T)>,
        compute: impl FnOnce(&Store) -> AppResult<T>,
    ) -> AppResult<T> {
        if !self.conn.is_autocommit() {
            return compute(self);
        }
        let version = self.data_version()?;
        let count = self.change_count(area)?;
        {
            let mut memo = self.memo.borrow_mut();
            if memo.data_version != Some(version) {
                *memo = Memo {
                    data_version: Some(version),
                    ..Memo::default()
                };
            }
            if let Some((kept_at, value)) = slot(&mut memo) {
                if *kept_at == count {
                    return Ok(value.clone());
                }
            }
        }
        let value = compute(self)?;
        *slot(&mut self.memo.borrow_mut()) = Some((count, value.clone()));
        Ok(value)
    }

    /// [`Store::memoized`] for a figure read for an argument (the minimums,
    /// a date, a count): the kept value serves only the same argument; any
    /// other is read afresh, and the kept one stays.
    pub(crate) fn memoized_for<A: PartialEq + Clone, T: Clone>(
        &self,
        area: Area,
        slot: fn(&mut Memo) -> &mut KeptFor<A, T>,
        arg: A,
        read: impl Fn(&Store, &A) -> AppResult<T>,
    ) -> AppResult<T> {
        let kept = self.memoized(area, slot, |store| Ok((arg.clone(), read(store, &arg)?)))?;
        if kept.0 == arg {
            return Ok(kept.1);
        }
        read(self, &arg)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection to change the file through other than by SQL (the
    /// backup API restoring a backup), which neither kept count of changes
    /// sees: the kept figures are dropped.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        *self.memo.get_mut() = Memo::default();
        // Nor would the flushing thread be asked for.
        self.synced_changes.set(u64::MAX);
        &mut self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    /// (busy, frames in the log, frames copied) from a passive checkpoint.
    fn wal_state(store: &Store) -> (i64, i64, i64) {
        store
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap()
    }

    fn wait_for_flushes(store: &Store, n: u64) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while store.background_flushes() < Some(n) {
            assert!(std::time::Instant::now() < deadline, "no flush");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn background_sync_flushes_after_changes_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.background_flushes(), None);
        store.sync_in_background().unwrap();
        let level: i64 = store
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(level, 1, "NORMAL: commits do not wait for the disk");

        crate::store::settings::set(&store, "k", "v").unwrap();
        store.sync_if_changed();
        wait_for_flushes(&store, 1);

        // Reads ask for nothing.
        crate::store::settings::get(&store, "k").unwrap();
        store.sync_if_changed();
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(store.background_flushes(), Some(1));

        crate::store::settings::set(&store, "k", "w").unwrap();
        store.sync_if_changed();
        wait_for_flushes(&store, 2);
        drop(store);
        let again = Store::open(&path).unwrap();
        assert_eq!(
            crate::store::settings::get(&again, "k").unwrap().as_deref(),
            Some("w")
        );
    }

    #[test]
    fn kept_figures_last_until_their_area_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let store = Store::open(&path).unwrap();
        let computed = Cell::new(0u32);
        let read = || {
            store
                .memoized(
                    Area::Stories,
                    |m| &mut m.draft_counts,
                    |_| {
                        computed.set(computed.get() + 1);
                        Ok((computed.get(), 0))
                    },
                )
                .unwrap()
        };
        read();
        read();
        assert_eq!(computed.get(), 1, "kept while nothing changed");

        crate::store::settings::set(&store, "elsewhere", "1").unwrap();
        read();
        assert_eq!(computed.get(), 1, "a write to another area keeps it");

        let draft = crate::stories::StoryDraft {
            title: "T".into(),
            ..Default::default()
        };
        crate::store::stories::create(&store, &draft, "s").unwrap();
        read();
        assert_eq!(computed.get(), 2, "a story written drops it");

        let other = Store::open(&path).unwrap();
        crate::store::settings::set(&other, "elsewhere", "2").unwrap();
        read();
        assert_eq!(computed.get(), 3, "a commit elsewhere drops it");

        let tx = store.conn.unchecked_transaction().unwrap();
        read();
        read();
        tx.rollback().unwrap();
        assert_eq!(
            computed.get(),
            5,
            "nothing is kept from inside a transaction"
        );
    }

    #[test]
    fn tidying_merges_the_search_index_once_per_change() {
        let store = Store::open_in_memory().unwrap();
        let segments = || -> i64 {
            store
                .conn
                .query_row("SELECT count(*) FROM story_fts_data", [], |r| r.get(0))
                .unwrap()
        };
        let mut draft = crate::stories::StoryDraft {
            title: "Ledger rescue".into(),
            ..Default::default()
        };
        let story = crate::store::stories::create(&store, &draft, "s0").unwrap();
        for i in 0..40 {
            draft.action = format!("I rewrote step {i} of the ledger.");
            crate::store::stories::update(&store, &story.id, &draft, &format!("s{i}")).unwrap();
        }
        let before = segments();
        assert!(store.tidy_search_index().unwrap());
        assert!(segments() < before, "{} rows, {before} before", segments());
        assert!(!store.tidy_search_index().unwrap(), "nothing changed since");
        let hits = crate::store::stories::search(&store, "step 39", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert!(crate::store::stories::search(&store, "step 38", 10)
            .unwrap()
            .is_empty());
        crate::store::stories::update(&store, &story.id, &draft, "again").unwrap();
        draft.title = "Ledger rescued".into();
        crate::store::stories::update(&store, &story.id, &draft, "again").unwrap();
        assert!(store.tidy_search_index().unwrap(), "a save since");
    }

    #[test]
    fn a_missing_log_needs_no_flush() {
        let dir = tempfile::tempdir().unwrap();
        log_sync::flush(&dir.path().join("none.sqlite3-wal")).unwrap();
    }

    #[test]
    fn deferred_checkpoints_leave_the_log_to_the_background_call() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let writer = Store::open(&path).unwrap();
        writer.defer_checkpoints().unwrap();
        let auto: i64 = writer
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(auto, 0);
        for i in 0..50 {
            crate::store::settings::set(&writer, &format!("k{i}"), "v").unwrap();
        }
        let other = Store::open(&path).unwrap();
        other.checkpoint().unwrap();
        let (busy, log, copied) = wal_state(&other);
        assert_eq!(busy, 0);
        assert!(log > 0, "the writes went to the log");
        assert_eq!(log, copied, "the checkpoint copied every frame");
        assert_eq!(
            crate::store::settings::get(&other, "k49")
                .unwrap()
                .as_deref(),
            Some("v")
        );
    }
}
