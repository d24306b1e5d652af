//! Queries for mock rounds: the live session and the history of ended ones.

use chrono::Utc;
use rusqlite::{params, OptionalExtension};

use super::codec::to_text;
use super::Store;
use crate::error::{AppError, AppResult};
use crate::timer::{RunState, Session};

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
        tx.execute(
            "INSERT INTO mock_session (uuid, started_at, template_id, template_name, kind, ending, ended_at,
                                       elapsed_ms, session_json, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
             ON CONFLICT (started_at) DO UPDATE SET ending = excluded.ending, ended_at = excluded.ended_at,
                 elapsed_ms = excluded.elapsed_ms, session_json = excluded.session_json,
                 updated_at = excluded.updated_at",
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

/// How many rounds ended, completed or not.
pub fn ended_count(store: &Store) -> AppResult<u32> {
    Ok(store.conn().query_row(
        "SELECT count(*) FROM mock_session WHERE ending != 'stopped'",
        [],
        |r| r.get(0),
    )?)
}
