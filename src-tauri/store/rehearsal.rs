//! Queries for rehearsals: recording one, and handing each story's and
//! question's history to the FSRS replay in `stories::review`.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::codec::stored_date;
use super::Store;
use crate::error::{AppError, AppResult};
use crate::stories::review::{ItemHistory, Rating, Rehearsal};

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

/// Records one rehearsal. A story must exist and not be in the trash.
pub fn add(
    store: &Store,
    target: &Target,
    rating: Rating,
    seconds: u32,
    date: NaiveDate,
) -> AppResult<RehearsalRecord> {
    let id = uuid::Uuid::now_v7().to_string();
    let now = Utc::now().to_rfc3339();
    let written = match target {
        Target::Story(story) => store.conn().execute(
            "INSERT INTO rehearsal (uuid, story_id, rating, seconds, date, created_at)
             SELECT ?1, id, ?3, ?4, ?5, ?6 FROM story WHERE uuid = ?2 AND deleted_at IS NULL",
            params![id, story, rating.id(), seconds, date.to_string(), now],
        )?,
        Target::Question(question) => store.conn().execute(
            "INSERT INTO rehearsal (uuid, question, rating, seconds, date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, question, rating.id(), seconds, date.to_string(), now],
        )?,
    };
    if written == 0 {
        return Err(AppError::NotFound("That story".into()));
    }
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
         WHERE s.deleted_at IS NULL ORDER BY s.id, r.date",
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
             WHERE s.uuid = ?1 ORDER BY r.date",
            id,
        ),
        Target::Question(id) => (
            "SELECT rating, date FROM rehearsal WHERE question = ?1 ORDER BY date",
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
         ORDER BY question, date",
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
    list_recent(store, -1)
}

/// The newest `limit` rehearsals (all when negative), newest first.
pub fn list_recent(store: &Store, limit: i64) -> AppResult<Vec<(RehearsalRecord, Option<String>)>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT r.uuid, s.uuid, s.title, r.question, r.rating, r.seconds, r.date
         FROM rehearsal r LEFT JOIN story s ON s.id = r.story_id
         ORDER BY r.date DESC, r.id DESC LIMIT ?1",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query([limit])?;
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
