//! SQLite storage: opening the file, its pragmas, the migrations, and one
//! file of queries per area. Every SQL string in the app lives under here;
//! callers get domain types back.

pub mod codec;
pub mod plan;
pub mod profile;
pub mod settings;
pub mod timer;

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::AppResult;

/// Numbered migrations, applied in order and tracked by `PRAGMA user_version`.
/// Released files are never edited; a change is a new file.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_init.sql")),
        M::up(include_str!("migrations/002_plans.sql")),
        M::up(include_str!("migrations/003_timer.sql")),
    ])
});

/// How long a writer waits for another process (the CLI beside the window)
/// before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open, migrated database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database file, sets the pragmas and
    /// brings the schema up to date.
    pub fn open(path: &Path) -> AppResult<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        Self::setup(Connection::open(path)?)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> AppResult<Store> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> AppResult<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL lets the CLI read while the window writes; FULL because a lost
        // story is worse than a slower write, and writes are rare.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        MIGRATIONS.to_latest(&mut conn)?;
        Ok(Store { conn })
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

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }
}
