//! Key/value settings (notification switches, reminder time, ...).

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::error::AppResult;

pub fn get(store: &Store, key: &str) -> AppResult<Option<String>> {
    Ok(store
        .conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set(store: &Store, key: &str, value: &str) -> AppResult<()> {
    store.conn().execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
