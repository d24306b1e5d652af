//! Queries for rehearsals: recording one, handing each story's and
//! question's history to the FSRS replay in `stories::review`, and the
//! replay's result kept per item (`rehearsal_state`, migration 010) so the
//! queue reads only the items due.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::codec::stored_date;
use super::{Area, Store};
use crate::error::{AppError, AppResult};
use crate::stories::review::{self, ItemHistory, Rating, Rehearsal, ReviewState};
use crate::stories::Principle;

/// What was rehearsed: a story (its id) or a question of the bank (its id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Target {
    Story(String),
    Question(String),
}

/// A stored rehearsal, for the practice log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RehearsalRecord {
    pub id: String,
    pub target: Target,
    pub rating: Rating,
    pub seconds: u32,
    pub date: NaiveDate,
}

/// Records one rehearsal and the item's new stored schedule, in one
/// transaction. A story must exist and not be in the trash.
pub fn add(
    store: &Store,
    target: &Target,
    rating: Rating,
    seconds: u32,
    date: NaiveDate,
) -> AppResult<RehearsalRecord> {
    let id = uuid::Uuid::now_v7().to_string();
    let now = Utc::now().to_rfc3339();
    let tx = store.conn().unchecked_transaction()?;
    let written = match target {
        Target::Story(story) => tx
            .prepare_cached(
                "INSERT INTO rehearsal (uuid, story_id, rating, seconds, date, created_at)
             SELECT ?1, id, ?3, ?4, ?5, ?6 FROM story WHERE uuid = ?2 AND deleted_at IS NULL",
            )?
            .execute(params![
                id,
                story,
                rating.id(),
                seconds,
                date.to_string(),
                now
            ])?,
        Target::Question(question) => tx
            .prepare_cached(
                "INSERT INTO rehearsal (uuid, question, rating, seconds, date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                id,
                question,
                rating.id(),
                seconds,
                date.to_string(),
                now
            ])?,
    };
    if written == 0 {
        return Err(AppError::NotFound("That story".into()));
    }
    let item = match target {
        Target::Story(_) => Item::Story(
            tx.prepare_cached("SELECT story_id FROM rehearsal WHERE id = ?1")?
                .query_row([tx.last_insert_rowid()], |r| r.get(0))?,
        ),
        Target::Question(question) => Item::Question(question.clone()),
    };
    refresh_state(&tx, &item)?;
    tx.commit()?;
    Ok(RehearsalRecord {
        id,
        target: target.clone(),
        rating,
        seconds,
        date,
    })
}

fn rehearsal(rating: &str, date: &str) -> AppResult<Rehearsal> {
    Ok(Rehearsal {
        date: stored_date(date)?,
        rating: Rating::parse(rating).map_err(|e| AppError::Internal(e.to_string()))?,
    })
}

/// Every live story (rehearsed or not) with its rehearsals, in the bank's
/// order (oldest story first).
pub fn story_histories(store: &Store) -> AppResult<Vec<ItemHistory<String>>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT s.uuid, r.rating, r.date FROM story s
         LEFT JOIN rehearsal r ON r.story_id = s.id
         WHERE s.deleted_at IS NULL ORDER BY s.id, r.date, r.id",
    )?;
    let mut out: Vec<ItemHistory<String>> = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        if out.last().is_none_or(|h| h.id != id) {
            out.push(ItemHistory {
                id,
                history: Vec::new(),
            });
        }
        let (rating, date): (Option<String>, Option<String>) = (row.get(1)?, row.get(2)?);
        if let (Some(rating), Some(date)) = (rating, date) {
            let item = out.last_mut().expect("pushed above");
            item.history.push(rehearsal(&rating, &date)?);
        }
    }
    Ok(out)
}

/// One story's or question's rehearsals.
pub fn history(store: &Store, target: &Target) -> AppResult<Vec<Rehearsal>> {
    let (sql, id) = match target {
        Target::Story(id) => (
            "SELECT r.rating, r.date FROM rehearsal r JOIN story s ON s.id = r.story_id
             WHERE s.uuid = ?1 ORDER BY r.date, r.id",
            id,
        ),
        Target::Question(id) => (
            "SELECT rating, date FROM rehearsal WHERE question = ?1 ORDER BY date, id",
            id,
        ),
    };
    let mut stmt = store.conn().prepare_cached(sql)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.iter()
        .map(|(rating, date)| rehearsal(rating, date))
        .collect()
}

/// The questions that have been rehearsed, with their rehearsals.
pub fn question_histories(store: &Store) -> AppResult<Vec<ItemHistory<String>>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT question, rating, date FROM rehearsal WHERE question IS NOT NULL
         ORDER BY question, date, id",
    )?;
    let mut by_id: BTreeMap<String, Vec<Rehearsal>> = BTreeMap::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (id, rating, date): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        by_id
            .entry(id)
            .or_default()
            .push(rehearsal(&rating, &date)?);
    }
    Ok(by_id
        .into_iter()
        .map(|(id, history)| ItemHistory { id, history })
        .collect())
}

/// Every rehearsal with what it was about (a story's title or a question
/// id), newest first, for the practice log and its minutes.
pub fn list(store: &Store) -> AppResult<Vec<(RehearsalRecord, Option<String>)>> {
    list_recent(store, -1, None)
}

/// The newest `limit` rehearsals (all when negative), newest first.
pub fn list_recent(
    store: &Store,
    limit: i64,
    since: Option<NaiveDate>,
) -> AppResult<Vec<(RehearsalRecord, Option<String>)>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT r.uuid, s.uuid, s.title, r.question, r.rating, r.seconds, r.date
         FROM rehearsal r LEFT JOIN story s ON s.id = r.story_id
         WHERE r.date >= ?2 ORDER BY r.date DESC, r.id DESC LIMIT ?1",
    )?;
    let mut out = Vec::new();
    let since = since.map(|d| d.to_string()).unwrap_or_default();
    let mut rows = stmt.query(params![limit, since])?;
    while let Some(row) = rows.next()? {
        let story: Option<String> = row.get(1)?;
        let title: Option<String> = row.get(2)?;
        let question: Option<String> = row.get(3)?;
        let target = match (story, question) {
            (Some(s), _) => Target::Story(s),
            (None, Some(q)) => Target::Question(q),
            (None, None) => return Err(AppError::Internal("a rehearsal has no target".into())),
        };
        let (rating, date): (String, String) = (row.get(4)?, row.get(6)?);
        let r = rehearsal(&rating, &date)?;
        out.push((
            RehearsalRecord {
                id: row.get(0)?,
                target,
                rating: r.rating,
                seconds: row.get(5)?,
                date: r.date,
            },
            title,
        ));
    }
    Ok(out)
}

/// An item's internal key: a story's row id, or a question id.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Story(i64),
    Question(String),
}

/// Replays one item's rehearsals and stores the result, in the caller's
/// transaction.
fn refresh_state(conn: &Connection, item: &Item) -> AppResult<()> {
    let mut stmt = match item {
        Item::Story(_) => conn.prepare_cached(
            "SELECT rating, date FROM rehearsal WHERE story_id = ?1 ORDER BY date, id",
        )?,
        Item::Question(_) => conn.prepare_cached(
            "SELECT rating, date FROM rehearsal WHERE question = ?1 ORDER BY date, id",
        )?,
    };
    let map = |r: &Row<'_>| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?));
    let rows = match item {
        Item::Story(id) => stmt.query_map([id], map)?.collect::<Result<Vec<_>, _>>()?,
        Item::Question(id) => stmt.query_map([id], map)?.collect::<Result<Vec<_>, _>>()?,
    };
    let history = rows
        .iter()
        .map(|(rating, date)| rehearsal(rating, date))
        .collect::<AppResult<Vec<_>>>()?;
    write_state(conn, item, &review::schedule(&history))
}

fn write_state(conn: &Connection, item: &Item, state: &ReviewState) -> AppResult<()> {
    let (story_id, question) = match item {
        Item::Story(id) => (Some(*id), None),
        Item::Question(id) => (None, Some(id.as_str())),
    };
    match item {
        Item::Story(id) => conn
            .prepare_cached("DELETE FROM rehearsal_state WHERE story_id = ?1")?
            .execute([id])?,
        Item::Question(id) => conn
            .prepare_cached("DELETE FROM rehearsal_state WHERE question = ?1")?
            .execute([id])?,
    };
    let (Some(last), Some(due)) = (state.last_rehearsed, state.due) else {
        return Ok(()); // never rehearsed: no row
    };
    conn.prepare_cached(
        "INSERT INTO rehearsal_state (story_id, question, reviews, lapses, stability, difficulty,
                                      interval_days, last_rehearsed, due)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        story_id,
        question,
        state.reviews,
        state.lapses,
        state.stability,
        state.difficulty,
        state.interval_days,
        last.to_string(),
        due.to_string(),
    ])?;
    Ok(())
}

/// Recomputes every item's stored schedule from the rehearsals, in the
/// caller's transaction: for files written before migration 010, after an
/// import, and after rows were written without [`add`].
pub fn rebuild_states(conn: &Connection) -> AppResult<()> {
    conn.prepare_cached("DELETE FROM rehearsal_state")?
        .execute([])?;
    let mut stmt = conn.prepare(
        "SELECT story_id, question, rating, date FROM rehearsal
         ORDER BY story_id, question, date, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut current: Option<Item> = None;
    let mut history: Vec<Rehearsal> = Vec::new();
    while let Some(row) = rows.next()? {
        let item = match (
            row.get::<_, Option<i64>>(0)?,
            row.get::<_, Option<String>>(1)?,
        ) {
            (Some(id), _) => Item::Story(id),
            (None, Some(q)) => Item::Question(q),
            (None, None) => return Err(AppError::Internal("a rehearsal has no target".into())),
        };
        if current.as_ref().is_some_and(|c| *c != item) {
            if let Some(done) = current.take() {
                write_state(conn, &done, &review::schedule(&history))?;
            }
            history.clear();
        }
        current = Some(item);
        history.push(rehearsal(
            &row.get::<_, String>(2)?,
            &row.get::<_, String>(3)?,
        )?);
    }
    if let Some(done) = current {
        write_state(conn, &done, &review::schedule(&history))?;
    }
    Ok(())
}

const STATE_COLUMNS: &str =
    "st.reviews, st.lapses, st.stability, st.difficulty, st.interval_days, st.last_rehearsed, st.due";

/// The stored schedule from the row's columns starting at `at`.
fn state_at(r: &Row<'_>, at: usize) -> rusqlite::Result<(ReviewState, String, String)> {
    Ok((
        ReviewState {
            reviews: r.get(at)?,
            lapses: r.get(at + 1)?,
            stability: r.get(at + 2)?,
            difficulty: r.get(at + 3)?,
            interval_days: r.get(at + 4)?,
            last_rehearsed: None,
            due: None,
        },
        r.get(at + 5)?,
        r.get(at + 6)?,
    ))
}

fn dated((mut state, last, due): (ReviewState, String, String)) -> AppResult<ReviewState> {
    state.last_rehearsed = Some(stored_date(&last)?);
    state.due = Some(stored_date(&due)?);
    Ok(state)
}

/// One story's or question's stored schedule (the default, never
/// rehearsed, when it has none).
pub fn state(store: &Store, target: &Target) -> AppResult<ReviewState> {
    let (sql, id) = match target {
        Target::Story(id) => (
            format!(
                "SELECT {STATE_COLUMNS} FROM rehearsal_state st JOIN story s ON s.id = st.story_id
                 WHERE s.uuid = ?1"
            ),
            id,
        ),
        Target::Question(id) => (
            format!("SELECT {STATE_COLUMNS} FROM rehearsal_state st WHERE st.question = ?1"),
            id,
        ),
    };
    store
        .conn()
        .prepare_cached(&sql)?
        .query_row([id], |r| state_at(r, 0))
        .optional()?
        .map_or(Ok(ReviewState::default()), dated)
}

/// The rehearsed questions due on or before `through`, by question id,
/// with their stored schedules.
pub fn due_questions(store: &Store, through: NaiveDate) -> AppResult<Vec<(String, ReviewState)>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT st.question, {STATE_COLUMNS} FROM rehearsal_state st
         WHERE st.question IS NOT NULL AND st.due <= ?1 ORDER BY st.question"
    ))?;
    let rows = stmt
        .query_map([through.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, state_at(r, 1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, state)| Ok((id, dated(state)?)))
        .collect()
}

/// How many stories are due on or before `through`.
pub fn due_story_count(store: &Store, through: NaiveDate) -> AppResult<usize> {
    store.memoized_for(
        Area::Rehearsal,
        |m| &mut m.due_story_count,
        through,
        read_due_story_count,
    )
}

fn read_due_story_count(store: &Store, through: &NaiveDate) -> AppResult<usize> {
    let n: i64 = store
        .conn()
        .prepare_cached(
            "SELECT count(*) FROM rehearsal_state st JOIN story s ON s.id = st.story_id
         WHERE st.due <= ?1 AND s.deleted_at IS NULL",
        )?
        .query_row([through.to_string()], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// A story as the rehearsal queue shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueStory {
    pub id: String,
    pub title: String,
    /// Primary first, then the secondary ones.
    pub principles: Vec<Principle>,
}

fn queue_story(
    id: String,
    title: String,
    primary: Option<String>,
    secondary: &str,
) -> AppResult<QueueStory> {
    let (primary, secondary) = super::stories::stored_principles(primary, secondary)?;
    let principles: Vec<Principle> = primary.into_iter().chain(secondary).collect();
    Ok(QueueStory {
        id,
        title,
        principles,
    })
}

/// Read in order from the index `rehearsal_state_story_queue` (migration 014).
const DUE_STORY_ORDER: &str = "
    SELECT s.id, st.due FROM rehearsal_state st JOIN story s ON s.id = st.story_id
    WHERE st.story_id IS NOT NULL AND st.due <= ?1 AND s.deleted_at IS NULL
    ORDER BY st.due, st.difficulty DESC, st.story_id LIMIT ?2";

/// The live stories due on or before `through`, as (row id, due date), in
/// the queue's order (oldest due, hardest first, then bank order): the
/// first `limit` (all without). Only the schedule is read, so a page deep
/// in the queue can be placed without reading the stories before it.
pub fn due_story_order(
    store: &Store,
    through: NaiveDate,
    limit: Option<usize>,
) -> AppResult<Vec<(i64, NaiveDate)>> {
    let mut stmt = store.conn().prepare_cached(DUE_STORY_ORDER)?;
    let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let rows = stmt
        .query_map(params![through.to_string(), limit], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(key, due)| Ok((key, stored_date(&due)?)))
        .collect()
}

/// The stories with row ids `keys` that have a stored schedule, with it.
pub fn scheduled_stories(
    store: &Store,
    keys: &[i64],
) -> AppResult<HashMap<i64, (QueueStory, ReviewState)>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT s.id, s.uuid, s.title, s.primary_lp, s.secondary_lps, {STATE_COLUMNS}
         FROM rehearsal_state st JOIN story s ON s.id = st.story_id
         WHERE s.id IN (SELECT value FROM json_each(?1))"
    ))?;
    let keys = serde_json::to_string(keys).map_err(|e| AppError::Internal(e.to_string()))?;
    let rows = stmt
        .query_map([keys], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                state_at(r, 5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(key, id, title, primary, secondary, state)| {
            Ok((
                key,
                (queue_story(id, title, primary, &secondary)?, dated(state)?),
            ))
        })
        .collect()
}

/// The first `limit` live stories with STAR text never rehearsed, in bank
/// order (kept while the rehearsals and the bank are unchanged:
/// `Store::memoized`).
pub fn fresh_stories(store: &Store, limit: usize) -> AppResult<Vec<QueueStory>> {
    store.memoized_for(
        Area::Rehearsal,
        |m| &mut m.fresh_stories,
        limit,
        read_fresh_stories,
    )
}

fn read_fresh_stories(store: &Store, limit: &usize) -> AppResult<Vec<QueueStory>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT s.uuid, s.title, s.primary_lp, s.secondary_lps FROM story s
         WHERE s.deleted_at IS NULL AND {HAS_STAR_TEXT}
           AND NOT EXISTS (SELECT 1 FROM rehearsal r WHERE r.story_id = s.id)
         ORDER BY s.id LIMIT ?1",
        HAS_STAR_TEXT = super::stories::HAS_STAR_TEXT,
    ))?;
    let rows = stmt
        .query_map([i64::try_from(*limit).unwrap_or(i64::MAX)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, title, primary, secondary)| queue_story(id, title, primary, &secondary))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The queue's stories come out of an index in the queue's order: no
    /// sort of every due story before a page can be placed.
    #[test]
    fn the_due_stories_are_read_in_order_without_a_sort() {
        let store = Store::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {DUE_STORY_ORDER}"))
            .unwrap()
            .query_map(params!["2026-01-01", 30], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("rehearsal_state_story_queue")),
            "{plan:?}"
        );
        assert!(
            !plan.iter().any(|step| step.contains("TEMP B-TREE")),
            "{plan:?}"
        );
    }
}
