//! Queries for the practice log: typed-in entries (with soft delete for
//! Undo), and the instants of the records other areas own that the log
//! derives entries from (story refinements).

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::codec::{from_text, stored_date};
use super::{Area, Store};
use crate::error::{AppError, AppResult};
use crate::practice::charts::{MockSource, ScoredMock};
use crate::practice::ledger::{DayTotals, Ledger};
use crate::practice::{Activity, Entry, EntryKind, Minimums, Pattern};

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
    let problem = crate::problems::bank().problem_key(&entry.activity);
    let mut stmt = store.conn().prepare_cached(
        "INSERT INTO practice_entry (uuid, date, kind, minutes, data, schedule_key, created_at, updated_at, problem)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
    )?;
    stmt.execute(params![
        id,
        date,
        kind,
        minutes,
        data,
        schedule_key,
        now,
        problem
    ])?;
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
    let problem = crate::problems::bank().problem_key(&entry.activity);
    let mut stmt = store.conn().prepare_cached(
        "UPDATE practice_entry SET date = ?2, kind = ?3, minutes = ?4, data = ?5, updated_at = ?6, problem = ?7
         WHERE uuid = ?1 AND deleted_at IS NULL",
    )?;
    let changed = stmt.execute(params![
        id,
        date,
        kind,
        minutes,
        data,
        Utc::now().to_rfc3339(),
        problem
    ])?;
    Ok(changed == 1)
}

/// Deletes (or, with `deleted = false`, restores) an entry; `false` when no
/// entry in the opposite state has that id.
pub fn set_deleted(store: &Store, id: &str, deleted: bool) -> AppResult<bool> {
    let now = Utc::now().to_rfc3339();
    let changed = if deleted {
        store
            .conn()
            .prepare_cached(
                "UPDATE practice_entry SET deleted_at = ?2, updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NULL",
            )?
            .execute(params![id, now])?
    } else {
        store
            .conn()
            .prepare_cached(
                "UPDATE practice_entry SET deleted_at = NULL, updated_at = ?2
             WHERE uuid = ?1 AND deleted_at IS NOT NULL",
            )?
            .execute(params![id, now])?
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
    list_recent(store, -1, &EntryFilter::default())
}

/// What the Log view narrows the log to; each `None` leaves that part
/// open. Dates are local calendar dates, both ends included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EntryFilter {
    pub kind: Option<EntryKind>,
    pub pattern: Option<Pattern>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl EntryFilter {
    /// Whether entries of `kind` can match at all: the kind asked for, and
    /// only coding problems when a pattern is (no other kind has one). The
    /// log reads a derived source only when this holds for its kind.
    pub fn admits(&self, kind: EntryKind) -> bool {
        self.kind.is_none_or(|k| k == kind) && (self.pattern.is_none() || kind == EntryKind::Coding)
    }

    /// Whether `date` is inside the filter's dates.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// After every date stored (years have four digits): the open end of a
/// date range.
const LAST_DATE: &str = "9999-12-31";

/// The filter's dates as stored dates compare, open ends made the empty
/// text (before every date) and [`LAST_DATE`]: one `BETWEEN` serves every
/// case, and the date index ranges over it.
fn date_bounds(filter: &EntryFilter) -> (String, String) {
    (
        filter.from.map(|d| d.to_string()).unwrap_or_default(),
        filter
            .to
            .map_or_else(|| LAST_DATE.to_string(), |d| d.to_string()),
    )
}

/// The filter's dates as stored instants compare: from the start of the
/// local day `from` (the empty text when open) to before the start of the
/// day after `to` (`None` when open).
fn instant_bounds(filter: &EntryFilter) -> (String, Option<String>) {
    (
        instant_bound(filter.from.map(local_day_start)),
        filter
            .to
            .and_then(|d| d.succ_opt())
            .map(|d| local_day_start(d).to_rfc3339()),
    )
}

/// The newest `limit` live entries that match `filter` (all for a negative
/// limit), newest first.
pub fn list_recent(store: &Store, limit: i64, filter: &EntryFilter) -> AppResult<Vec<EntryRecord>> {
    let (from, to) = date_bounds(filter);
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM practice_entry
         WHERE deleted_at IS NULL AND (?2 IS NULL OR kind = ?2)
           AND (?3 IS NULL OR json_extract(data, '$.pattern') = ?3)
           AND date BETWEEN ?4 AND ?5
         ORDER BY date DESC, id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map(
            params![
                limit,
                filter.kind.map(EntryKind::as_str),
                filter.pattern.map(Pattern::as_str),
                from,
                to
            ],
            raw,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(record).collect()
}

/// How many lines of the practice log match `filter`, over every page:
/// the typed-in entries [`list_recent`] reads, and the lines the log
/// derives from story refinements, rehearsals and full mock rounds
/// (`commands::practice::log_rows`), counted where they are stored rather
/// than read. A derived source counts only when the filter
/// [admits](EntryFilter::admits) its kind.
pub fn log_count(store: &Store, filter: &EntryFilter) -> AppResult<u64> {
    let (from, to) = date_bounds(filter);
    let (since, until) = instant_bounds(filter);
    let mut stmt = store.conn().prepare_cached(
        "SELECT
             (SELECT count(*) FROM practice_entry
              WHERE deleted_at IS NULL AND (?1 IS NULL OR kind = ?1)
                AND (?2 IS NULL OR json_extract(data, '$.pattern') = ?2)
                AND date BETWEEN ?3 AND ?4)
           + (SELECT count(*) FROM story_revision r JOIN story s ON s.id = r.story_id
              WHERE ?5 AND r.refines = 1 AND s.deleted_at IS NULL
                AND r.created_at >= ?8 AND (?9 IS NULL OR r.created_at < ?9))
           + (SELECT count(*) FROM rehearsal WHERE ?6 AND date BETWEEN ?3 AND ?4)
           + (SELECT count(*) FROM mock_session
              WHERE ?7 AND full_round = 1
                AND started_at >= ?8 AND (?9 IS NULL OR started_at < ?9))",
    )?;
    let n: i64 = stmt.query_row(
        params![
            filter.kind.map(EntryKind::as_str),
            filter.pattern.map(Pattern::as_str),
            from,
            to,
            filter.admits(EntryKind::StoryRefinement),
            filter.admits(EntryKind::StoryPractice),
            filter.admits(EntryKind::MockSession),
            since,
            until
        ],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Every live entry, oldest first, for the aggregations.
pub fn entries(store: &Store) -> AppResult<Vec<Entry>> {
    let mut records = list(store)?;
    records.reverse();
    Ok(records.into_iter().map(|r| r.entry).collect())
}

/// Whether a live entry was logged from this schedule item.
pub fn logged_from(store: &Store, schedule_key: &str) -> AppResult<bool> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM practice_entry WHERE schedule_key = ?1 AND deleted_at IS NULL)",
    )?;
    Ok(stmt.query_row([schedule_key], |r| r.get(0))?)
}

/// When each story refinement (see `stories::model::session_refines`, of a
/// story not in the trash) was made and the story's title, newest first, at
/// most `limit` (all when negative).
pub fn refinement_instants(
    store: &Store,
    limit: i64,
    since: Option<DateTime<Utc>>,
) -> AppResult<Vec<(DateTime<Utc>, String)>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT r.created_at, s.title FROM story_revision r JOIN story s ON s.id = r.story_id
         WHERE r.refines = 1 AND s.deleted_at IS NULL AND r.created_at >= ?2
         ORDER BY r.created_at DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map(params![limit, instant_bound(since)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(t, title)| {
            DateTime::parse_from_rfc3339(&t)
                .map(|t| (t.with_timezone(&Utc), title))
                .map_err(|e| AppError::Internal(format!("stored instant '{t}' is unreadable: {e}")))
        })
        .collect()
}

const DAY_COLUMNS: &str = "date, coding_n, coding_min, design_n, design_min, design_done, lp_n,
    lp_min, star_n + rehearsal_n, star_min + rehearsal_min, refinement_n, ext_n + mock_n,
    ext_min + mock_min, ext_n + mock_scored, ext_score_sum + mock_score_sum,
    ext_passed + mock_passed, ext_n, ext_min";

/// One `practice_day` row read with [`DAY_COLUMNS`].
fn day_totals(r: &Row<'_>) -> rusqlite::Result<(String, DayTotals)> {
    let u = |i: usize| -> rusqlite::Result<u32> { r.get::<_, u32>(i) };
    Ok((
        r.get(0)?,
        DayTotals {
            coding: u(1)?,
            coding_minutes: u(2)?,
            designs: u(3)?,
            design_minutes: u(4)?,
            designs_completed: u(5)?,
            lp_sessions: u(6)?,
            lp_minutes: u(7)?,
            star_sessions: u(8)?,
            star_minutes: u(9)?,
            refinements: u(10)?,
            mocks: u(11)?,
            mock_minutes: u(12)?,
            mocks_scored: u(13)?,
            mock_score_sum: r.get(14)?,
            mocks_passed: u(15)?,
            external_mocks: u(16)?,
            external_mock_minutes: u(17)?,
        },
    ))
}

fn ledger_of_rows(mut rows: rusqlite::Rows<'_>) -> AppResult<Ledger> {
    let mut out = Ledger::new();
    while let Some(r) = rows.next()? {
        let (date, t) = day_totals(r)?;
        if t != DayTotals::default() {
            out.insert(stored_date(&date)?, t);
        }
    }
    Ok(out)
}

/// Every day with practice, from the trigger-kept `practice_day` table
/// (typed-in entries, rehearsals, refinements and timer rounds).
pub fn ledger(store: &Store) -> AppResult<Ledger> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT {DAY_COLUMNS} FROM practice_day ORDER BY date"
    ))?;
    let days = ledger_of_rows(stmt.query([])?)?;
    Ok(days)
}

/// The days of [`ledger`] from `from` to `to`, inclusive: what the figures
/// of a week, a fortnight or a plan need, read through the table's key.
pub fn ledger_between(store: &Store, from: NaiveDate, to: NaiveDate) -> AppResult<Ledger> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT {DAY_COLUMNS} FROM practice_day WHERE date BETWEEN ?1 AND ?2 ORDER BY date"
    ))?;
    let days = ledger_of_rows(stmt.query([from.to_string(), to.to_string()])?)?;
    Ok(days)
}

/// The first day of [`ledger`], if any.
pub fn first_day(store: &Store) -> AppResult<Option<NaiveDate>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT {DAY_COLUMNS} FROM practice_day ORDER BY date"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (date, t) = day_totals(r)?;
        if t != DayTotals::default() {
            return Ok(Some(stored_date(&date)?));
        }
    }
    Ok(None)
}

/// The totals of every day: `ledger::sum_all(&ledger(store))` without
/// reading the days one by one (kept while the data is unchanged:
/// `Store::memoized`). Counts and minutes are summed by SQLite
/// (integers, exact); the score sum is added up here, day by day in date
/// order, so it is the same floating-point sum to the last bit.
pub fn totals(store: &Store) -> AppResult<DayTotals> {
    store.memoized(Area::Practice, |m| &mut m.totals, read_totals)
}

fn read_totals(store: &Store) -> AppResult<DayTotals> {
    let mut t = store
        .conn()
        .prepare_cached(
            "SELECT total(coding_n), total(coding_min), total(design_n), total(design_min),
                total(design_done), total(lp_n), total(lp_min), total(star_n + rehearsal_n),
                total(star_min + rehearsal_min), total(refinement_n), total(ext_n + mock_n),
                total(ext_min + mock_min), total(ext_n + mock_scored),
                total(ext_passed + mock_passed), total(ext_n), total(ext_min)
         FROM practice_day",
        )?
        .query_row([], |r| {
            // Sums of integers well inside f64's exact range.
            let u = |i: usize| -> rusqlite::Result<u32> { Ok(r.get::<_, f64>(i)? as u32) };
            Ok(DayTotals {
                coding: u(0)?,
                coding_minutes: u(1)?,
                designs: u(2)?,
                design_minutes: u(3)?,
                designs_completed: u(4)?,
                lp_sessions: u(5)?,
                lp_minutes: u(6)?,
                star_sessions: u(7)?,
                star_minutes: u(8)?,
                refinements: u(9)?,
                mocks: u(10)?,
                mock_minutes: u(11)?,
                mocks_scored: u(12)?,
                mock_score_sum: 0.0,
                mocks_passed: u(13)?,
                external_mocks: u(14)?,
                external_mock_minutes: u(15)?,
            })
        })?;
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT ext_score_sum + mock_score_sum FROM practice_day ORDER BY date")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        t.mock_score_sum += r.get::<_, f64>(0)?;
    }
    Ok(t)
}

/// The days whose minutes meet the daily minimums (the same test as
/// `DayMinutes::meets` on [`ledger`]'s days), oldest first: all the streak
/// needs from the whole history. Kept while the data is unchanged
/// (`Store::memoized`).
pub fn met_days(store: &Store, minimums: &Minimums) -> AppResult<BTreeSet<NaiveDate>> {
    store.memoized_for(
        Area::Practice,
        |m| &mut m.met_days,
        *minimums,
        read_met_days,
    )
}

fn read_met_days(store: &Store, minimums: &Minimums) -> AppResult<BTreeSet<NaiveDate>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT date FROM practice_day
         WHERE star_min + rehearsal_min >= ?1 AND coding_min + design_min >= ?2 AND lp_min >= ?3
         ORDER BY date",
    )?;
    let rows = stmt
        .query_map(
            params![
                minimums.star_minutes,
                minimums.technical_minutes,
                minimums.lp_minutes
            ],
            |r| r.get::<_, String>(0),
        )?
        .collect::<Result<Vec<_>, _>>()?;
    rows.iter().map(|d| stored_date(d)).collect()
}

/// Every scored mock (external ones from the log, timer rounds with a
/// score) dated on or after `since`, oldest first; on one date, external
/// ones in the order they were logged, then timer rounds by start time, so
/// the order is the same on every read.
pub fn scored_mocks(store: &Store, since: NaiveDate) -> AppResult<Vec<ScoredMock>> {
    scored_rows(
        store,
        "SELECT date, score, source, round FROM (
             SELECT date, CAST(json_extract(data, '$.score') AS REAL) AS score, 'external' AS source,
                    json_extract(data, '$.round') AS round, id AS key
             FROM practice_entry
             WHERE kind = 'external-mock' AND deleted_at IS NULL AND date >= ?1
             UNION ALL
             SELECT date(started_at, 'localtime'), weighted_score, 'timer', kind, started_at
             FROM mock_session
             WHERE weighted_score IS NOT NULL AND full_round = 1 AND started_at >= ?2)
         ORDER BY date, source, key LIMIT ?3",
        since,
        None,
    )
}

/// The last `n` scored mocks dated before `before`, in [`scored_mocks`]'s
/// order: the scores a rolling average starting at `before` looks back on.
/// Each source gives its last `n`, so the merge reads a few rows, not years.
pub fn scored_mocks_before(
    store: &Store,
    before: NaiveDate,
    n: usize,
) -> AppResult<Vec<ScoredMock>> {
    let mut rows = scored_rows(
        store,
        "SELECT date, score, source, round FROM (
             SELECT * FROM (
                 SELECT date, CAST(json_extract(data, '$.score') AS REAL) AS score,
                        'external' AS source, json_extract(data, '$.round') AS round, id AS key
                 FROM practice_entry
                 WHERE kind = 'external-mock' AND deleted_at IS NULL AND date < ?1
                 ORDER BY date DESC, id DESC LIMIT ?3)
             UNION ALL
             SELECT * FROM (
                 SELECT date(started_at, 'localtime'), weighted_score, 'timer', kind, started_at
                 FROM mock_session
                 WHERE weighted_score IS NOT NULL AND full_round = 1 AND started_at < ?2
                 ORDER BY started_at DESC LIMIT ?3))
         ORDER BY date DESC, source DESC, key DESC LIMIT ?3",
        before,
        Some(n),
    )?;
    rows.reverse();
    Ok(rows)
}

/// The instant local `date` begins: anything stamped before it has an
/// earlier local date.
pub(crate) fn local_day_start(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    midnight
        .and_local_timezone(chrono::Local)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

fn scored_rows(
    store: &Store,
    sql: &str,
    date: NaiveDate,
    limit: Option<usize>,
) -> AppResult<Vec<ScoredMock>> {
    let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let mut stmt = store.conn().prepare_cached(sql)?;
    let rows = stmt
        .query_map(
            params![
                date.to_string(),
                instant_bound(Some(local_day_start(date))),
                limit
            ],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, f64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )?
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
                round: match (source.as_str(), round) {
                    ("timer", Some(kind)) => {
                        Some(from_text::<crate::timer::RoundKind>(&kind, "round kind")?.into())
                    }
                    (_, round) => round.map(|r| from_text(&r, "round")).transpose()?,
                },
            })
        })
        .collect()
}

/// The last `n` scores (external and timer) on or before `through`,
/// oldest first: what readiness averages. Newest date first; on one date
/// external mocks before timer rounds, each in the order recorded.
///
/// Each side reads only its newest rows through its index
/// (`practice_entry_mocks`, `mock_session_scored`): the `n` newest external
/// mocks, and the timer rounds from two days before the `n`-th newest
/// start, which holds every round of the dates that can make the cut (a
/// local date spans at most a day and a few hours of UTC), so the local
/// date is computed for a handful of rows instead of every round.
pub fn recent_scores(store: &Store, through: NaiveDate, n: usize) -> AppResult<Vec<f32>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT score FROM (
             SELECT * FROM (
                 SELECT date AS d, 0 AS side, id AS k, CAST(json_extract(data, '$.score') AS REAL) AS score
                 FROM practice_entry
                 WHERE kind = 'external-mock' AND deleted_at IS NULL AND date <= ?1
                 ORDER BY date DESC, id LIMIT ?3)
             UNION ALL
             SELECT date(started_at, 'localtime'), 1, started_at, weighted_score
             FROM mock_session
             WHERE weighted_score IS NOT NULL AND full_round = 1 AND started_at < ?2
               AND started_at >= coalesce(strftime('%Y-%m-%dT%H:%M:%S', (
                   SELECT started_at FROM mock_session
                   WHERE weighted_score IS NOT NULL AND full_round = 1 AND started_at < ?2
                   ORDER BY started_at DESC LIMIT 1 OFFSET ?3 - 1), '-2 days'), ''))
         ORDER BY d DESC, side, k LIMIT ?3",
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

/// `since` as stored instants compare (RFC 3339 text), or the empty text,
/// which is before every instant: a bound the index can always range over.
pub(crate) fn instant_bound(since: Option<DateTime<Utc>>) -> String {
    since.map(|t| t.to_rfc3339()).unwrap_or_default()
}
