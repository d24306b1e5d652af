//! Queries for the followed plan, its schedule, ticked items, blackout dates
//! and self-assessments.

use std::collections::{BTreeSet, HashSet};

use chrono::{NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::codec::{from_text, to_text};
use super::{Area, Store};
use crate::error::{AppError, AppResult};
use crate::plan::catalog::PlanId;
use crate::plan::schedule::{Schedule, ScheduleInput};

/// The plan being followed and the schedule last generated for it.
#[derive(Debug, Clone)]
pub struct PlanState {
    pub plan_id: PlanId,
    /// The user picked it (rather than taking the recommendation).
    pub chosen: bool,
    pub input: ScheduleInput,
    pub schedule: Schedule,
    pub planned_on: NaiveDate,
}

fn json<T: serde::Serialize>(v: &T) -> AppResult<String> {
    serde_json::to_string(v).map_err(|e| AppError::Internal(e.to_string()))
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> AppResult<T> {
    serde_json::from_str(text)
        .map_err(|e| AppError::Internal(format!("stored {what} is unreadable: {e}")))
}

fn date(text: &str) -> AppResult<NaiveDate> {
    text.parse()
        .map_err(|_| AppError::Internal(format!("stored date '{text}' is not a date")))
}

/// The stored plan, parsed (kept while it is unchanged: `Store::memoized`).
pub fn state(store: &Store) -> AppResult<Option<PlanState>> {
    store.memoized(Area::Plan, |m| &mut m.plan_state, read_state)
}

fn read_state(store: &Store) -> AppResult<Option<PlanState>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT plan_id, chosen, input_json, schedule_json, planned_on FROM plan_state WHERE id = 1",
    )?;
    let row = stmt
        .query_row([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?;
    let Some((plan_id, chosen, input, schedule, planned_on)) = row else {
        return Ok(None);
    };
    Ok(Some(PlanState {
        plan_id: from_text(&plan_id, "plan")?,
        chosen,
        input: parse_json(&input, "schedule input")?,
        schedule: parse_json(&schedule, "schedule")?,
        planned_on: date(&planned_on)?,
    }))
}

pub fn save_state(store: &Store, state: &PlanState) -> AppResult<()> {
    let mut stmt = store.conn().prepare_cached(
        "INSERT INTO plan_state (id, plan_id, chosen, input_json, schedule_json, planned_on, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET plan_id = excluded.plan_id, chosen = excluded.chosen,
             input_json = excluded.input_json, schedule_json = excluded.schedule_json,
             planned_on = excluded.planned_on, updated_at = excluded.updated_at",
    )?;
    stmt.execute(params![
        to_text(&state.plan_id)?,
        state.chosen,
        json(&state.input)?,
        json(&state.schedule)?,
        state.planned_on.to_string(),
        Utc::now().to_rfc3339(),
    ])?;
    Ok(())
}

pub fn done_keys(store: &Store) -> AppResult<HashSet<String>> {
    let mut stmt = store.conn().prepare("SELECT item_key FROM schedule_done")?;
    let keys = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    Ok(keys)
}

/// Ticks or unticks one schedule item.
pub fn set_done(store: &Store, key: &str, done: bool, today: NaiveDate) -> AppResult<()> {
    if done {
        let mut stmt = store.conn().prepare_cached(
            "INSERT INTO schedule_done (item_key, uuid, done_on, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (item_key) DO NOTHING",
        )?;
        stmt.execute(params![
            key,
            uuid::Uuid::now_v7().to_string(),
            today.to_string(),
            Utc::now().to_rfc3339()
        ])?;
    } else {
        store
            .conn()
            .prepare_cached("DELETE FROM schedule_done WHERE item_key = ?1")?
            .execute([key])?;
    }
    Ok(())
}

pub fn blackouts(store: &Store) -> AppResult<BTreeSet<NaiveDate>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT day FROM blackout ORDER BY day")?;
    let days = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    days.iter().map(|d| date(d)).collect()
}

pub fn set_blackout(store: &Store, day: NaiveDate, blocked: bool) -> AppResult<()> {
    if blocked {
        let mut stmt = store.conn().prepare_cached(
            "INSERT INTO blackout (day, created_at) VALUES (?1, ?2) ON CONFLICT (day) DO NOTHING",
        )?;
        stmt.execute(params![day.to_string(), Utc::now().to_rfc3339()])?;
    } else {
        store
            .conn()
            .prepare_cached("DELETE FROM blackout WHERE day = ?1")?
            .execute([day.to_string()])?;
    }
    Ok(())
}

/// One taken self-assessment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentRecord {
    pub id: String,
    pub taken_on: NaiveDate,
    pub answers: Vec<u8>,
    pub total: u32,
}

pub fn add_assessment(
    store: &Store,
    taken_on: NaiveDate,
    answers: &[u8],
    total: u32,
) -> AppResult<AssessmentRecord> {
    let id = uuid::Uuid::now_v7().to_string();
    let now = Utc::now().to_rfc3339();
    store
        .conn()
        .prepare_cached(
            "INSERT INTO assessment (uuid, taken_on, answers, total, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?
        .execute(params![
            id,
            taken_on.to_string(),
            json(&answers)?,
            total,
            now
        ])?;
    Ok(AssessmentRecord {
        id,
        taken_on,
        answers: answers.to_vec(),
        total,
    })
}

/// Every assessment, newest first.
/// How many self-assessments were taken.
pub fn assessment_count(store: &Store) -> AppResult<u32> {
    Ok(store
        .conn()
        .prepare_cached("SELECT count(*) FROM assessment")?
        .query_row([], |r| r.get(0))?)
}

pub fn assessments(store: &Store) -> AppResult<Vec<AssessmentRecord>> {
    let mut stmt = store.conn().prepare(
        "SELECT uuid, taken_on, answers, total FROM assessment ORDER BY taken_on DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, taken_on, answers, total)| {
            Ok(AssessmentRecord {
                id,
                taken_on: date(&taken_on)?,
                answers: parse_json(&answers, "answers")?,
                total,
            })
        })
        .collect()
}
