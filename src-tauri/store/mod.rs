//! SQLite storage: opening the file, its pragmas, the migrations, and one
//! file of queries per area. Every SQL string in the app lives under here;
//! callers get domain types back.

pub mod backup;
pub mod codec;
pub mod plan;
pub mod practice;
pub mod profile;
pub mod rehearsal;
#[doc(hidden)]
pub mod sample;
pub mod settings;
pub mod stories;
pub mod timer;
pub mod transfer;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{AppError, AppResult};
use crate::practice::ledger::DayTotals;
use crate::practice::Minimums;

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
    ])
});

/// How long a writer waits for another process (the CLI beside the window)
/// before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open, migrated database.
pub struct Store {
    conn: Connection,
    memo: RefCell<Memo>,
}

/// Figures read from the whole history (every day's totals, the days that
/// met the minimums, the drafted stories, the ended mock rounds), kept while the data they were read from is unchanged,
/// so the commands one view calls together read them once. Any change
/// drops them: a commit through another connection moves
/// `PRAGMA data_version`, a row written through this one (by a statement or
/// a trigger) moves `total_changes`. Nothing is kept from inside a
/// transaction, which could still roll back.
#[derive(Default)]
pub(crate) struct Memo {
    key: Option<(i64, u64)>,
    pub(crate) totals: Option<DayTotals>,
    pub(crate) met_days: Option<(Minimums, BTreeSet<NaiveDate>)>,
    pub(crate) draft_counts: Option<(u32, u32)>,
    pub(crate) ended_count: Option<u32>,
}

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

    fn configure(conn: Connection) -> AppResult<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL lets the CLI read while the window writes; FULL because a lost
        // story is worse than a slower write, and writes are rare.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Store {
            conn,
            memo: RefCell::default(),
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

    /// The value `slot` keeps for the data as it is now, computing and
    /// keeping it when there is none (see [`Memo`]).
    pub(crate) fn memoized<T: Clone>(
        &self,
        slot: fn(&mut Memo) -> &mut Option<T>,
        compute: impl FnOnce(&Store) -> AppResult<T>,
    ) -> AppResult<T> {
        if !self.conn.is_autocommit() {
            return compute(self);
        }
        let key = (self.data_version()?, self.conn.total_changes());
        {
            let mut memo = self.memo.borrow_mut();
            if memo.key != Some(key) {
                *memo = Memo {
                    key: Some(key),
                    ..Memo::default()
                };
            }
            if let Some(value) = slot(&mut memo) {
                return Ok(value.clone());
            }
        }
        let value = compute(self)?;
        *slot(&mut self.memo.borrow_mut()) = Some(value.clone());
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection to change the file through other than by SQL (the
    /// backup API restoring a backup), which neither kept count of changes
    /// sees: the kept figures are dropped.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        *self.memo.get_mut() = Memo::default();
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
