//! Queries for the practice log: typed-in entries (with soft delete for
//! Undo), and the instants of the records other areas own that the log
//! derives entries from (story refinements).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::codec::{from_text, stored_date};
use super::Store;
use crate::error::{AppError, AppResult};
use crate::practice::charts::{MockSource, ScoredMock};
use crate::practice::ledger::{DayTotals, Ledger};
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
    let date: NaiveDate = stored_date(&raw.date)?;
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
    list_recent(store, -1)
}

/// The newest `limit` live entries (all for a negative limit), newest first.
pub fn list_recent(store: &Store, limit: i64) -> AppResult<Vec<EntryRecord>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM practice_entry WHERE deleted_at IS NULL ORDER BY date DESC, id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit], raw)?
        .collect::<Result<Vec<_>, _>>()?;
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
/// in the trash) was made, newest first, at most `limit` (all when negative).
pub fn refinement_instants(store: &Store, limit: i64) -> AppResult<Vec<DateTime<Utc>>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT r.created_at FROM story_revision r JOIN story s ON s.id = r.story_id
         WHERE r.first = 0 AND s.deleted_at IS NULL ORDER BY r.created_at DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.iter()
        .map(|t| {
            DateTime::parse_from_rfc3339(t)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| AppError::Internal(format!("stored instant '{t}' is unreadable: {e}")))
        })
        .collect()
}

/// Every day with practice, from the trigger-kept `practice_day` table
/// (typed-in entries, rehearsals, refinements and timer rounds).
pub fn ledger(store: &Store) -> AppResult<Ledger> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT date, coding_n, coding_min, design_n, design_min, design_done, lp_n, lp_min,
                star_n + rehearsal_n, star_min + rehearsal_min, refinement_n,
                ext_n + mock_n, ext_min + mock_min, ext_n + mock_scored,
                ext_score_sum + mock_score_sum, ext_passed + mock_passed, ext_n, ext_min
         FROM practice_day ORDER BY date",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Ledger::new();
    let u = |r: &Row<'_>, i: usize| -> rusqlite::Result<u32> { r.get::<_, u32>(i) };
    while let Some(r) = rows.next()? {
        let date: String = r.get(0)?;
        let t = DayTotals {
            coding: u(r, 1)?,
            coding_minutes: u(r, 2)?,
            designs: u(r, 3)?,
            design_minutes: u(r, 4)?,
            designs_completed: u(r, 5)?,
            lp_sessions: u(r, 6)?,
            lp_minutes: u(r, 7)?,
            star_sessions: u(r, 8)?,
            star_minutes: u(r, 9)?,
            refinements: u(r, 10)?,
            mocks: u(r, 11)?,
            mock_minutes: u(r, 12)?,
            mocks_scored: u(r, 13)?,
            mock_score_sum: r.get(14)?,
            mocks_passed: u(r, 15)?,
            external_mocks: u(r, 16)?,
            external_mock_minutes: u(r, 17)?,
        };
        if t != DayTotals::default() {
            let date: NaiveDate = stored_date(&date)?;
            out.insert(date, t);
        }
    }
    Ok(out)
}

/// Scored mocks (external and timer) dated `since` or later, oldest first.
pub fn scored_mocks(store: &Store, since: NaiveDate) -> AppResult<Vec<ScoredMock>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT date, score, source, round FROM (
             SELECT date, CAST(json_extract(data, '$.score') AS REAL) AS score, 'external' AS source,
                    json_extract(data, '$.round') AS round
             FROM practice_entry
             WHERE kind = 'external-mock' AND deleted_at IS NULL AND date >= ?1
             UNION ALL
             SELECT date(started_at, 'localtime'), weighted_score, 'timer', NULL
             FROM mock_session
             WHERE weighted_score IS NOT NULL AND started_at >= ?1)
         ORDER BY date",
    )?;
    let rows = stmt
        .query_map([since.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, f64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(date, score, source, round)| {
            Ok(ScoredMock {
                date: stored_date(&date)?,
                score: score as f32,
                source: if source == "timer" {
                    MockSource::Timer
                } else {
                    MockSource::External
                },
                round: round.map(|r| from_text(&r, "round")).transpose()?,
            })
        })
        .collect()
}

/// The last `n` scores (external and timer) on or before `through`,
/// oldest first: what readiness averages.
pub fn recent_scores(store: &Store, through: NaiveDate, n: usize) -> AppResult<Vec<f32>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT score FROM (
             SELECT date AS d, id AS k, CAST(json_extract(data, '$.score') AS REAL) AS score
             FROM practice_entry
             WHERE kind = 'external-mock' AND deleted_at IS NULL AND date <= ?1
             UNION ALL
             SELECT date(started_at, 'localtime'), id, weighted_score
             FROM mock_session WHERE weighted_score IS NOT NULL AND started_at < ?2)
         ORDER BY d DESC LIMIT ?3",
    )?;
    let next_day = through.succ_opt().unwrap_or(through).to_string();
    let mut scores = stmt
        .query_map(
            rusqlite::params![through.to_string(), next_day, n as i64],
            |r| r.get::<_, f64>(0),
        )?
        .map(|s| s.map(|s| s as f32))
        .collect::<Result<Vec<_>, _>>()?;
    scores.reverse();
    Ok(scores)
}
