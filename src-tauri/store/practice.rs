//! Queries for the practice log: typed-in entries (with soft delete for
//! Undo), and the instants of the records other areas own that the log
//! derives entries from (story refinements).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::Store;
use crate::error::{AppError, AppResult};
use crate::practice::{Activity, Entry};

/// A stored, typed-in log entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryRecord {
    pub id: String,
    #[serde(flatten)]
    pub entry: Entry,
    /// The schedule item it was logged from, when ticked on Today.
    pub schedule_key: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "uuid, date, data, schedule_key, created_at, updated_at";

struct Raw {
    id: String,
    date: String,
    data: String,
    schedule_key: Option<String>,
    created_at: String,
    updated_at: String,
}

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        date: r.get(1)?,
        data: r.get(2)?,
        schedule_key: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

fn record(raw: Raw) -> AppResult<EntryRecord> {
    let date: NaiveDate = raw.date.parse().map_err(|e| {
        AppError::Internal(format!("stored date '{}' is unreadable: {e}", raw.date))
    })?;
    let activity: Activity = serde_json::from_str(&raw.data)
        .map_err(|e| AppError::Internal(format!("stored log entry is unreadable: {e}")))?;
    Ok(EntryRecord {
        id: raw.id,
        entry: Entry::new(date, activity),
        schedule_key: raw.schedule_key,
        created_at: raw.created_at,
        updated_at: raw.updated_at,
    })
}

fn columns(entry: &Entry) -> AppResult<(String, &'static str, u32, String)> {
    let data =
        serde_json::to_string(&entry.activity).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        entry.date.to_string(),
        entry.activity.kind().as_str(),
        entry.activity.minutes(),
        data,
    ))
}

/// Stores a validated entry, optionally tied to the schedule item it was
/// logged from.
pub fn add(store: &Store, entry: &Entry, schedule_key: Option<&str>) -> AppResult<EntryRecord> {
    let id = uuid::Uuid::now_v7().to_string();
    let now = Utc::now().to_rfc3339();
    let (date, kind, minutes, data) = columns(entry)?;
    store.conn().execute(
        "INSERT INTO practice_entry (uuid, date, kind, minutes, data, schedule_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, date, kind, minutes, data, schedule_key, now],
    )?;
    Ok(EntryRecord {
        id,
        entry: entry.clone(),
        schedule_key: schedule_key.map(str::to_owned),
        created_at: now.clone(),
        updated_at: now,
    })
}

/// Replaces a live entry's date and data; `false` when there is none with
/// that id (nothing written).
pub fn update(store: &Store, id: &str, entry: &Entry) -> AppResult<bool> {
    let (date, kind, minutes, data) = columns(entry)?;
    let changed = store.conn().execute(
        "UPDATE practice_entry SET date = ?2, kind = ?3, minutes = ?4, data = ?5, updated_at = ?6
         WHERE uuid = ?1 AND deleted_at IS NULL",
        params![id, date, kind, minutes, data, Utc::now().to_rfc3339()],
    )?;
    Ok(changed == 1)
}

/// Deletes (or, with `deleted = false`, restores) an entry; `false` when no
/// entry in the opposite state has that id.
pub fn set_deleted(store: &Store, id: &str, deleted: bool) -> AppResult<bool> {
    let now = Utc::now().to_rfc3339();
    let changed = if deleted {
        store.conn().execute(
            "UPDATE practice_entry SET deleted_at = ?2, updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NULL",
            params![id, now],
        )?
    } else {
        store.conn().execute(
            "UPDATE practice_entry SET deleted_at = NULL, updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NOT NULL",
            params![id, now],
        )?
    };
    Ok(changed == 1)
}

/// A live entry by id.
pub fn get(store: &Store, id: &str) -> AppResult<Option<EntryRecord>> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM practice_entry WHERE uuid = ?1 AND deleted_at IS NULL"),
            [id],
            raw,
        )
        .optional()?
        .map(record)
        .transpose()
}

/// Every live entry, newest day first, then newest entry first.
pub fn list(store: &Store) -> AppResult<Vec<EntryRecord>> {
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM practice_entry WHERE deleted_at IS NULL ORDER BY date DESC, id DESC"
    ))?;
    let rows = stmt.query_map([], raw)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(record).collect()
}

/// Every live entry, oldest first, for the aggregations.
pub fn entries(store: &Store) -> AppResult<Vec<Entry>> {
    let mut records = list(store)?;
    records.reverse();
    Ok(records.into_iter().map(|r| r.entry).collect())
}

/// Whether a live entry was logged from this schedule item.
pub fn logged_from(store: &Store, schedule_key: &str) -> AppResult<bool> {
    Ok(store.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM practice_entry WHERE schedule_key = ?1 AND deleted_at IS NULL)",
        [schedule_key],
        |r| r.get(0),
    )?)
}

/// When each story refinement (a revision after the first, of a story not
/// in the trash) was made, oldest first.
pub fn refinement_instants(store: &Store) -> AppResult<Vec<DateTime<Utc>>> {
    let mut stmt = store.conn().prepare(
        "SELECT r.created_at FROM story_revision r JOIN story s ON s.id = r.story_id
         WHERE r.first = 0 AND s.deleted_at IS NULL ORDER BY r.created_at",
    )?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.iter()
        .map(|t| {
            DateTime::parse_from_rfc3339(t)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| AppError::Internal(format!("stored instant '{t}' is unreadable: {e}")))
        })
        .collect()
}
