//! The database side of sync (migration 019): this device's identity, the
//! outbox of records changed since the last change file, and the last file
//! applied from each other device. The folder and its files are
//! `service::sync`'s.
//!
//! Capture is by triggers made from [`SYNCED`], so an edit and its outbox
//! row commit together. They write only while a folder is set and not while
//! another device's file is being applied (`sync_state.capture`).

use std::collections::BTreeMap;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};

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
        let mut carried = tx.prepare_cached(
            "INSERT INTO sync_sent (tbl, rec, seq) VALUES (?1, ?2, ?3)
             ON CONFLICT (tbl, rec) DO UPDATE SET seq = max(seq, excluded.seq)",
        )?;
        for (table, _, key) in sent {
            del.execute(params![table, key])?;
            carried.execute(params![table, key, seq as i64])?;
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

/// The last file of ours that every other device heard from since
/// `since` (RFC 3339) had applied; `None` when no device is known. Our
/// files up to it are needed by none of them.
pub fn applied_by_all(store: &Store, since: &str) -> AppResult<Option<u64>> {
    Ok(store
        .conn()
        .query_row(
            "SELECT min(seen_ours) FROM sync_applied WHERE heard_at IS NULL OR heard_at >= ?1",
            [since],
            |r| r.get::<_, Option<i64>>(0),
        )?
        .map(|s| s as u64))
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

/// The last file applied from each other device: what a change file
/// written now says its writer had seen.
pub fn seen(store: &Store) -> AppResult<BTreeMap<String, u64>> {
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT device, seq FROM sync_applied ORDER BY device")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Applies change file `seq` of `device` (its records, an export document)
/// in one transaction that also records it as applied and captures none
/// of its writes. A file applied already changes nothing. `seen_here` is
/// the last file of ours the sender had applied when it wrote this one: a
/// record of ours changed after that, and changed there too, was edited on
/// both computers at once, and is listed as a conflict (the merge itself
/// keeps the version changed last, as every computer does).
pub fn apply(
    store: &Store,
    device: &str,
    seq: u64,
    records: &Value,
    seen_here: u64,
    written_at: Option<&str>,
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
            note_conflicts(tx, device, seq, records, seen_here)
        },
        |tx| {
            tx.execute(
                "INSERT INTO sync_applied (device, seq, seen_ours, heard_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (device) DO UPDATE SET seq = excluded.seq,
                     seen_ours = max(seen_ours, excluded.seen_ours),
                     heard_at = coalesce(excluded.heard_at, heard_at)",
                params![device, seq as i64, seen_here as i64, written_at],
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

/// Columns that say nothing of what the candidate wrote: the record's
/// identity, its times, and figures each computer derives for itself.
pub const NOT_CONTENT: [&str; 7] = [
    "id",
    "uuid",
    "created_at",
    "updated_at",
    "major_findings",
    "problem",
    "full_round",
];

/// The candidate's own fields of a record in the export's form.
fn content(rec: &Value) -> Map<String, Value> {
    rec.as_object()
        .map(|o| {
            o.iter()
                .filter(|(k, _)| !NOT_CONTENT.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether this device changed record `rec` of `table` after its file
/// `seen_here` (the last one the sender had applied): still waiting in the
/// outbox, or carried by a later file.
fn changed_here_since(tx: &Connection, table: &str, rec: &str, seen_here: u64) -> AppResult<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE tbl = ?1 AND rec = ?2)
                 OR EXISTS (SELECT 1 FROM sync_sent WHERE tbl = ?1 AND rec = ?2 AND seq > ?3)",
        )?
        .query_row(params![table, rec, seen_here as i64], |r| r.get(0))?)
}

/// Lists the records of an incoming file that were edited here too, before
/// the sender saw this edit, and whose texts differ: the version the merge
/// keeps (changed last; the merge's own rule) and the other one.
fn note_conflicts(
    tx: &Connection,
    device: &str,
    seq: u64,
    records: &Value,
    seen_here: u64,
) -> AppResult<()> {
    let Some(tables) = records["tables"].as_object() else {
        return Ok(());
    };
    for (table, key) in SYNCED {
        // A revision belongs to one editing session on one computer.
        if key != "uuid" || table == "story_revision" || !transfer::has_change_time(tx, table)? {
            continue;
        }
        let Some(rows) = tables.get(table).and_then(Value::as_array) else {
            continue;
        };
        for theirs in rows {
            let Some(rec) = theirs.get(key).and_then(Value::as_str) else {
                continue;
            };
            if !changed_here_since(tx, table, rec, seen_here)? {
                // The sender had this computer's version when it wrote
                // this one: an earlier conflict on the record is settled.
                tx.prepare_cached("DELETE FROM sync_conflict WHERE tbl = ?1 AND rec = ?2")?
                    .execute(params![table, rec])?;
                continue;
            }
            let Some(ours) = transfer::record(tx, table, key, rec)? else {
                continue;
            };
            if content(&ours) == content(theirs) {
                continue;
            }
            let theirs_later = theirs["updated_at"].as_str() > ours["updated_at"].as_str();
            let (kept, lost, kept_from) = if theirs_later {
                (theirs, &ours, "there")
            } else {
                (&ours, theirs, "here")
            };
            tx.prepare_cached(
                "INSERT INTO sync_conflict (tbl, rec, device, seq, kept, lost, kept_from, found_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                table,
                rec,
                device,
                seq as i64,
                kept.to_string(),
                lost.to_string(),
                kept_from,
                Utc::now().to_rfc3339(),
            ])?;
        }
    }
    Ok(())
}

/// A record changed on two computers before either saw the other's change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: i64,
    pub table: String,
    pub record: String,
    /// The other computer.
    pub device: String,
    /// The version in use, in the export's form.
    pub kept: Value,
    /// The version set aside.
    pub lost: Value,
    /// Whether the version in use is this computer's own.
    pub kept_here: bool,
    pub found_at: String,
}

/// The conflicts not yet settled, newest first.
pub fn conflicts(store: &Store) -> AppResult<Vec<Conflict>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT id, tbl, rec, device, kept, lost, kept_from, found_at
         FROM sync_conflict ORDER BY id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(
            |(id, table, record, device, kept, lost, from, found_at)| Conflict {
                id,
                table,
                record,
                device,
                kept: serde_json::from_str(&kept).unwrap_or(Value::Null),
                lost: serde_json::from_str(&lost).unwrap_or(Value::Null),
                kept_here: from == "here",
                found_at,
            },
        )
        .collect())
}

pub fn conflict(store: &Store, id: i64) -> AppResult<Option<Conflict>> {
    Ok(conflicts(store)?.into_iter().find(|c| c.id == id))
}

/// Settles conflict `id`. With `restore`, the version set aside becomes
/// the record's current one, as a new edit (so it travels to the other
/// computers like any other); without, the version in use stays.
pub fn settle(store: &Store, id: i64, restore: Option<&Value>) -> AppResult<()> {
    let forget = |tx: &Connection| -> AppResult<()> {
        tx.execute("DELETE FROM sync_conflict WHERE id = ?1", [id])?;
        Ok(())
    };
    match restore {
        Some(doc) => {
            transfer::import_with(store, doc, Mode::Merge, |_| Ok(()), forget)?;
        }
        None => forget(store.conn())?,
    }
    Ok(())
}
