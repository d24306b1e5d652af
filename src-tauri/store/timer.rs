//! Queries for mock rounds: the live session, the history of ended ones
//! with their scores, and the user's own templates.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};

use super::codec::{from_text, stored_date, to_text};
use super::{Area, Store};
use crate::error::{AppError, AppResult};
use crate::timer::engine::is_full_round;
use crate::timer::review::{phase_notes, MockRecord, RoundCard, ScoreCard, ScoreView};
use crate::timer::scoring::{DimensionScore, Verdict};
use crate::timer::templates::loop_rounds_by_id;
use crate::timer::{Pace, PhaseTime, RunState, Session, Template, TemplateId};

pub fn live(store: &Store) -> AppResult<Option<Session>> {
    let json: Option<String> = store
        .conn()
        .query_row(
            "SELECT session_json FROM timer_live WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    json.map(|j| {
        serde_json::from_str(&j)
            .map_err(|e| AppError::Internal(format!("stored round is unreadable: {e}")))
    })
    .transpose()
}

/// Saves the live session; an ended one is also recorded in the history.
/// One transaction, so the two never disagree.
pub fn save(store: &Store, session: &Session) -> AppResult<()> {
    let json = serde_json::to_string(session).map_err(|e| AppError::Internal(e.to_string()))?;
    let now = Utc::now().to_rfc3339();
    let tx = store.conn().unchecked_transaction()?;
    tx.execute(
        "INSERT INTO timer_live (id, session_json, updated_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET session_json = excluded.session_json, updated_at = excluded.updated_at",
        params![json, now],
    )?;
    if let RunState::Finished {
        at,
        elapsed_ms,
        ending,
    } = &session.state
    {
        let times = serde_json::to_string(&session.phase_times(*at))
            .map_err(|e| AppError::Internal(e.to_string()))?;
        tx.execute(
            "INSERT INTO mock_session (uuid, started_at, template_id, template_name, kind, ending, ended_at,
                                       elapsed_ms, session_json, created_at, updated_at,
                                       phase_times_json, minute_ms, full_round)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12, ?13)
             ON CONFLICT (started_at) DO UPDATE SET ending = excluded.ending, ended_at = excluded.ended_at,
                 elapsed_ms = excluded.elapsed_ms, session_json = excluded.session_json,
                 updated_at = excluded.updated_at, phase_times_json = excluded.phase_times_json,
                 minute_ms = excluded.minute_ms,
                 full_round = max(excluded.full_round, mock_session.confirmed_full)",
            params![
                uuid::Uuid::now_v7().to_string(),
                session.started_at.to_rfc3339(),
                session.template.id.0,
                session.template.name,
                to_text(&session.template.kind)?,
                to_text(ending)?,
                at.to_rfc3339(),
                elapsed_ms,
                json,
                now,
                times,
                session.pace.minute_ms(),
                is_full_round(*elapsed_ms, session.planned_ms()),
            ],
        )?;
    }
    tx.commit()?;
    Ok(())
}

pub fn clear_live(store: &Store) -> AppResult<()> {
    store.conn().execute("DELETE FROM timer_live", [])?;
    Ok(())
}

/// How many rounds ended, completed or not (kept while the data is
/// unchanged: `Store::memoized`).
pub fn ended_count(store: &Store) -> AppResult<u32> {
    store.memoized(
        Area::Mocks,
        |m| &mut m.ended_count,
        |store| {
            Ok(store.conn().query_row(
                "SELECT count(*) FROM mock_session WHERE full_round = 1",
                [],
                |r| r.get(0),
            )?)
        },
    )
}

fn json_text<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> AppResult<T> {
    serde_json::from_str(text)
        .map_err(|e| AppError::Internal(format!("stored {what} is unreadable: {e}")))
}

fn instant(text: &str) -> AppResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| AppError::Internal(format!("stored instant '{text}' is unreadable: {e}")))
}

/// Saves how the round that started at `started_at` was scored, and
/// whether the candidate says a round cut short was a full round all the
/// same. `false` when no ended round with that start is recorded (nothing
/// written).
pub fn save_scores(
    store: &Store,
    started_at: DateTime<Utc>,
    card: &ScoreCard,
    confirm_full: bool,
) -> AppResult<bool> {
    let now = Utc::now().to_rfc3339();
    let changed = store.conn().execute(
        "UPDATE mock_session SET target_level = ?2, scores_json = ?3, weighted_score = ?4, verdict = ?5,
                notes = ?6, scored_at = ?7, updated_at = ?7,
                confirmed_full = max(confirmed_full, ?8), full_round = max(full_round, ?8),
                problem_id = ?9, rounds_json = ?10
         WHERE started_at = ?1",
        params![
            started_at.to_rfc3339(),
            to_text(&card.level)?,
            json_text(&card.scores)?,
            card.weighted_score,
            card.verdict.value(),
            card.notes,
            now,
            confirm_full,
            card.problem,
            if card.rounds.is_empty() {
                None
            } else {
                Some(json_text(&card.rounds)?)
            },
        ],
    )?;
    Ok(changed == 1)
}

/// The columns `record` reads, in its order.
const RECORD_COLUMNS: &str =
    "uuid, started_at, ended_at, template_id, template_name, kind, ending, elapsed_ms,
     phase_times_json, minute_ms, target_level, scores_json, weighted_score, verdict, notes,
     full_round, confirmed_full, problem_id, rounds_json";

struct RecordRow {
    uuid: String,
    started_at: String,
    ended_at: String,
    template_id: String,
    template_name: String,
    kind: String,
    ending: String,
    elapsed_ms: i64,
    phase_times: Option<String>,
    minute_ms: i64,
    level: Option<String>,
    scores: Option<String>,
    weighted: Option<f64>,
    verdict: Option<u8>,
    notes: Option<String>,
    full_round: bool,
    confirmed_full: bool,
    problem: Option<String>,
    rounds: Option<String>,
}

fn record_row(r: &Row<'_>) -> rusqlite::Result<RecordRow> {
    Ok(RecordRow {
        uuid: r.get(0)?,
        started_at: r.get(1)?,
        ended_at: r.get(2)?,
        template_id: r.get(3)?,
        template_name: r.get(4)?,
        kind: r.get(5)?,
        ending: r.get(6)?,
        elapsed_ms: r.get(7)?,
        phase_times: r.get(8)?,
        minute_ms: r.get(9)?,
        level: r.get(10)?,
        scores: r.get(11)?,
        weighted: r.get(12)?,
        verdict: r.get(13)?,
        notes: r.get(14)?,
        full_round: r.get(15)?,
        confirmed_full: r.get(16)?,
        problem: r.get(17)?,
        rounds: r.get(18)?,
    })
}

fn record(row: RecordRow) -> AppResult<MockRecord> {
    let phase_times: Vec<PhaseTime> = match &row.phase_times {
        Some(j) => from_json(j, "phase times")?,
        None => Vec::new(),
    };
    let pace = Pace::from_minute_ms(row.minute_ms).unwrap_or_default();
    let score = match (row.level, row.scores, row.weighted, row.verdict) {
        (Some(level), Some(scores), Some(weighted_score), Some(verdict)) => {
            let card = ScoreCard {
                level: from_text(&level, "level")?,
                scores: from_json(&scores, "scores")?,
                weighted_score,
                verdict: Verdict::from_value(verdict).ok_or_else(|| {
                    AppError::Internal(format!("stored verdict {verdict} is off the scale"))
                })?,
                notes: row.notes.unwrap_or_default(),
                problem: row.problem,
                rounds: match &row.rounds {
                    Some(j) => from_json(j, "loop rounds")?,
                    None => Vec::new(),
                },
            };
            let planned = loop_rounds_by_id(&row.template_id)
                .map_err(|e| AppError::Internal(e.to_string()))?
                .len();
            Some(ScoreView::of(card, planned))
        }
        _ => None,
    };
    Ok(MockRecord {
        id: row.uuid,
        started_at: instant(&row.started_at)?,
        ended_at: instant(&row.ended_at)?,
        template_id: row.template_id,
        template_name: row.template_name,
        kind: from_text(&row.kind, "round kind")?,
        ending: from_text(&row.ending, "ending")?,
        elapsed_ms: row.elapsed_ms,
        phase_notes: phase_notes(&phase_times, pace),
        phase_times,
        score,
        full_round: row.full_round,
        confirmed_full: row.confirmed_full,
    })
}

/// The rubric scores of rounds scored from `since` on, oldest first, with
/// the local date each started (a loop's rounds' scores together).
pub fn dimension_scores(
    store: &Store,
    since: NaiveDate,
) -> AppResult<Vec<(NaiveDate, Vec<DimensionScore>)>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT date(started_at, 'localtime'), scores_json, rounds_json FROM mock_session
         WHERE weighted_score IS NOT NULL AND full_round = 1 AND started_at >= ?1
         ORDER BY started_at",
    )?;
    let rows = stmt
        .query_map([since.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(date, scores, rounds)| {
            let mut all: Vec<DimensionScore> = match scores {
                Some(s) => from_json(&s, "scores")?,
                None => Vec::new(),
            };
            if let Some(r) = rounds {
                let rounds: Vec<RoundCard> = from_json(&r, "loop rounds")?;
                all.extend(rounds.into_iter().flat_map(|r| r.scores));
            }
            Ok((stored_date(&date)?, all))
        })
        .collect()
}

/// Every ended round, newest first.
pub fn history(store: &Store) -> AppResult<Vec<MockRecord>> {
    history_recent(store, -1, None)
}

/// The newest `limit` ended rounds (all when negative), newest first.
pub fn history_recent(
    store: &Store,
    limit: i64,
    since: Option<DateTime<Utc>>,
) -> AppResult<Vec<MockRecord>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT {RECORD_COLUMNS} FROM mock_session WHERE started_at >= ?2
         ORDER BY started_at DESC, id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map(
            params![limit, super::practice::instant_bound(since)],
            record_row,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(record).collect()
}

/// The newest `limit` scored loops, newest first.
pub fn scored_loops(store: &Store, limit: i64) -> AppResult<Vec<MockRecord>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT {RECORD_COLUMNS} FROM mock_session
         WHERE kind = 'loop' AND weighted_score IS NOT NULL
         ORDER BY started_at DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit], record_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(record).collect()
}

/// Saves a validated custom template (its id is its UUID); saving the same
/// id again replaces it.
pub fn save_template(store: &Store, template: &Template) -> AppResult<()> {
    let now = Utc::now().to_rfc3339();
    store.conn().execute(
        "INSERT INTO custom_template (uuid, name, kind, phases_json, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, kind = excluded.kind,
             phases_json = excluded.phases_json, updated_at = excluded.updated_at",
        params![
            template.id.0,
            template.name,
            to_text(&template.kind)?,
            json_text(&template.phases)?,
            now,
        ],
    )?;
    Ok(())
}

fn template_row(r: &Row<'_>) -> rusqlite::Result<(String, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn template((id, name, kind, phases): (String, String, String, String)) -> AppResult<Template> {
    Ok(Template {
        id: TemplateId(id),
        name,
        kind: from_text(&kind, "round kind")?,
        phases: from_json(&phases, "template phases")?,
    })
}

/// The user's templates, oldest first (the order they were made in).
pub fn templates(store: &Store) -> AppResult<Vec<Template>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT uuid, name, kind, phases_json FROM custom_template ORDER BY id")?;
    let rows = stmt
        .query_map([], template_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(template).collect()
}

/// A built-in template by its slug, else one of the user's by its id.
pub fn find_template(store: &Store, id: &str) -> AppResult<Option<Template>> {
    match crate::timer::templates::builtin_by_id(id)
        .map_err(|e| AppError::Internal(e.to_string()))?
    {
        Some(t) => Ok(Some(t)),
        None => template_by_id(store, id),
    }
}

pub fn template_by_id(store: &Store, id: &str) -> AppResult<Option<Template>> {
    store
        .conn()
        .query_row(
            "SELECT uuid, name, kind, phases_json FROM custom_template WHERE uuid = ?1",
            [id],
            template_row,
        )
        .optional()?
        .map(template)
        .transpose()
}

/// `false` when there was no such template.
pub fn delete_template(store: &Store, id: &str) -> AppResult<bool> {
    Ok(store
        .conn()
        .execute("DELETE FROM custom_template WHERE uuid = ?1", [id])?
        == 1)
}
