//! The database side of sync (migration 019): this device's identity, the
//! outbox of records changed since the last change file, and the last file
//! applied from each other device. The folder and its files are
//! `service::sync`'s.
//!
//! Capture is by triggers made from [`SYNCED`], so an edit and its outbox
//! row commit together. They write only while a folder is set and not while
//! another device's file is being applied (`sync_state.capture`).

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::transfer::{self, Mode};
use super::Store;
use crate::error::AppResult;

/// The tables that travel, each with the column that names a record on
/// every device. The profile, the settings and the plan state stay on
/// each machine for now (the plan is rebuilt from what travels).
pub const SYNCED: [(&str, &str); 9] = [
    ("story", "uuid"),
    ("story_revision", "uuid"),
    ("practice_entry", "uuid"),
    ("assessment", "uuid"),
    ("mock_session", "uuid"),
    ("rehearsal", "uuid"),
    ("custom_template", "uuid"),
    ("schedule_done", "item_key"),
    ("blackout", "day"),
];

/// Creates this device's row and the capture triggers (migration 019's hook).
pub fn install(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO sync_state (id, device, name) VALUES (1, ?1, ?2)",
        params![uuid::Uuid::now_v7().to_string(), default_name()],
    )?;
    for (table, key) in SYNCED {
        for (event, row) in [("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")] {
            tx.execute_batch(&format!(
                "CREATE TRIGGER sync_{table}_{ev} AFTER {event} ON {table}
                 WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
                 BEGIN
                     INSERT INTO sync_outbox (tbl, rec) VALUES ('{table}', {row}.{key})
                     ON CONFLICT DO NOTHING;
                 END;",
                ev = event.to_lowercase()
            ))?;
        }
    }
    Ok(())
}

/// The machine's host name, or a plain word when it has none to give.
fn default_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "This computer".to_owned())
}

/// This device as sync knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Local {
    pub device: String,
    pub name: String,
    pub folder: Option<String>,
    /// The last change file this device wrote (0 before the first).
    pub sent_seq: u64,
}

pub fn local(store: &Store) -> AppResult<Local> {
    Ok(store.conn().query_row(
        "SELECT device, name, folder, sent_seq FROM sync_state WHERE id = 1",
        [],
        |r| {
            Ok(Local {
                device: r.get(0)?,
                name: r.get(1)?,
                folder: r.get(2)?,
                sent_seq: r.get::<_, i64>(3)? as u64,
            })
        },
    )?)
}

/// Sets (or clears) the folder; capture runs exactly while one is set.
/// The outbox is emptied: the first file after this holds everything.
pub fn set_folder(store: &Store, folder: Option<&str>) -> AppResult<()> {
    let tx = store.conn().unchecked_transaction()?;
    tx.execute(
        "UPDATE sync_state SET folder = ?1, capture = ?2 WHERE id = 1",
        params![folder, i64::from(folder.is_some())],
    )?;
    tx.execute("DELETE FROM sync_outbox", [])?;
    tx.commit()?;
    Ok(())
}

pub fn set_name(store: &Store, name: &str) -> AppResult<()> {
    store
        .conn()
        .execute("UPDATE sync_state SET name = ?1 WHERE id = 1", [name])?;
    Ok(())
}

/// The records changed since the last file, as `(table, key column, key)`.
pub fn pending(store: &Store) -> AppResult<Vec<(&'static str, &'static str, String)>> {
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT tbl, rec FROM sync_outbox ORDER BY tbl, rec")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(tbl, rec)| {
            SYNCED
                .iter()
                .find(|(t, _)| *t == tbl)
                .map(|(t, k)| (*t, *k, rec))
        })
        .collect())
}

/// Records that change file `seq` holds `sent`: they leave the outbox (an
/// edit made since stays) and `seq` becomes the last one written.
pub fn mark_sent(store: &Store, seq: u64, sent: &[(&str, &str, String)]) -> AppResult<()> {
    let tx = store.conn().unchecked_transaction()?;
    {
        let mut del = tx.prepare_cached("DELETE FROM sync_outbox WHERE tbl = ?1 AND rec = ?2")?;
        for (table, _, key) in sent {
            del.execute(params![table, key])?;
        }
    }
    tx.execute(
        "UPDATE sync_state SET sent_seq = max(sent_seq, ?1) WHERE id = 1",
        [seq as i64],
    )?;
    tx.commit()?;
    Ok(())
}

/// The last file applied from `device` (0 before the first).
pub fn applied(store: &Store, device: &str) -> AppResult<u64> {
    Ok(store
        .conn()
        .query_row(
            "SELECT seq FROM sync_applied WHERE device = ?1",
            [device],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .map_or(0, |s| s as u64))
}

/// The files applied from every other device together: it moves exactly
/// when one more is applied.
pub fn applied_total(store: &Store) -> AppResult<u64> {
    Ok(store
        .conn()
        .query_row("SELECT coalesce(sum(seq), 0) FROM sync_applied", [], |r| {
            r.get::<_, i64>(0)
        })? as u64)
}

/// Applies change file `seq` of `device` (its records, an export document)
/// in one transaction that also records it as applied and captures none
/// of its writes. A file applied already changes nothing.
pub fn apply(
    store: &Store,
    device: &str,
    seq: u64,
    records: &serde_json::Value,
) -> AppResult<bool> {
    if applied(store, device)? >= seq {
        return Ok(false);
    }
    transfer::import_with(
        store,
        records,
        Mode::Merge,
        |tx| {
            tx.execute("UPDATE sync_state SET capture = 0 WHERE id = 1", [])?;
            Ok(())
        },
        |tx| {
            tx.execute(
                "INSERT INTO sync_applied (device, seq) VALUES (?1, ?2)
                 ON CONFLICT (device) DO UPDATE SET seq = excluded.seq",
                params![device, seq as i64],
            )?;
            tx.execute(
                "UPDATE sync_state SET capture = (folder IS NOT NULL) WHERE id = 1",
                [],
            )?;
            Ok(())
        },
    )?;
    Ok(true)
}
