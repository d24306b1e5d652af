//! The rules of evidence applied to rows already stored: which timer rounds
//! were full rounds and which story revisions refined a story. New rows get
//! their flags as they are written (`timer::save`, `stories::update`); this
//! is for rows from before the rules (migration 015) and for imports, whose
//! files may come from an older version. The rules themselves live in the
//! domain: `timer::engine::is_full_round`, `stories::model::session_refines`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use crate::stories::model::session_refines;
use crate::stories::StoryDraft;
use crate::timer::engine::is_full_round;
use crate::timer::Session;

fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Sets every round's and revision's flag from the rules, then counts the
/// day totals of mocks and refinements afresh from those flags.
pub fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    let rounds: Vec<(i64, String, i64, String, bool)> = conn
        .prepare("SELECT id, session_json, elapsed_ms, ending, confirmed_full FROM mock_session")?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut set_round = conn.prepare("UPDATE mock_session SET full_round = ?2 WHERE id = ?1")?;
    for (id, json, elapsed_ms, ending, confirmed) in rounds {
        let full = confirmed
            || match serde_json::from_str::<Session>(&json) {
                Ok(session) => is_full_round(elapsed_ms, session.planned_ms()),
                // A row without its session (sample data, a hand-made
                // file): a round that ran to its end was a full round.
                Err(_) => ending != "stopped",
            };
        set_round.execute(params![id, full])?;
    }

    let revisions: Vec<(i64, i64, bool, String, String, String)> = conn
        .prepare(
            "SELECT id, story_id, first, snapshot, created_at, updated_at FROM story_revision
             ORDER BY story_id, created_at, id",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut set_revision = conn.prepare("UPDATE story_revision SET refines = ?2 WHERE id = ?1")?;
    // Each story's previous session: how the story stood and when it ended.
    let mut previous: HashMap<i64, (StoryDraft, Option<DateTime<Utc>>)> = HashMap::new();
    for (id, story, first, snapshot, created_at, updated_at) in revisions {
        let refines = !first
            && match (previous.get(&story), instant(&created_at)) {
                (Some((draft, Some(ended))), Some(began)) => session_refines(draft, *ended, began),
                _ => false,
            };
        set_revision.execute(params![id, refines])?;
        if let Ok(draft) = serde_json::from_str::<StoryDraft>(&snapshot) {
            previous.insert(story, (draft, instant(&updated_at)));
        }
    }

    conn.execute_batch(
        "UPDATE practice_day SET mock_n = 0, mock_min = 0, mock_scored = 0, mock_score_sum = 0,
                                 mock_passed = 0, refinement_n = 0;
         INSERT INTO practice_day (date, mock_n, mock_min, mock_scored, mock_score_sum, mock_passed)
         SELECT date(m.started_at, 'localtime'), count(*), sum(m.elapsed_ms / 60000),
                sum(m.weighted_score IS NOT NULL), sum(coalesce(m.weighted_score, 0)),
                sum(coalesce(m.weighted_score >= 4, 0))
         FROM mock_session m WHERE m.full_round = 1
         GROUP BY 1
         ON CONFLICT (date) DO UPDATE SET
             mock_n = excluded.mock_n, mock_min = excluded.mock_min,
             mock_scored = excluded.mock_scored, mock_score_sum = excluded.mock_score_sum,
             mock_passed = excluded.mock_passed;
         INSERT INTO practice_day (date, refinement_n)
         SELECT date(v.created_at, 'localtime'), count(*)
         FROM story_revision v JOIN story s ON s.id = v.story_id
         WHERE v.refines = 1 AND s.deleted_at IS NULL
         GROUP BY 1
         ON CONFLICT (date) DO UPDATE SET refinement_n = excluded.refinement_n;",
    )
}
