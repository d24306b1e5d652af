//! What naming and ticking the schedule's items read: the stories as they
//! stood when a day began, and what was done on a day.

use chrono::NaiveDate;

use super::practice::local_day_start;
use super::stories::stored_principles;
use std::sync::Arc;

use super::{Area, Store};
use crate::error::AppResult;
use crate::plan::tasks::{DayWork, StoryFact};
use crate::practice::log::{Activity, Entry};
use crate::problems::History;

/// Live stories that existed before `day` began, in bank order, each with
/// the day of its last edit before then (kept until the stories change).
pub fn story_facts(store: &Store, day: NaiveDate) -> AppResult<Arc<Vec<StoryFact>>> {
    store.memoized_for(
        Area::Stories,
        |m| &mut m.story_facts,
        day,
        |store, day| read_story_facts(store, *day).map(Arc::new),
    )
}

fn read_story_facts(store: &Store, day: NaiveDate) -> AppResult<Vec<StoryFact>> {
    let cut = local_day_start(day).to_rfc3339();
    // A story last edited before the day needs no look at its revisions.
    let mut stmt = store.conn().prepare_cached(
        "SELECT s.uuid, s.title, s.primary_lp, s.secondary_lps, s.major_findings,
                CASE WHEN s.updated_at < ?1 THEN s.updated_at
                     ELSE coalesce((SELECT max(r.updated_at) FROM story_revision r
                                    WHERE r.story_id = s.id AND r.updated_at < ?1), s.created_at)
                END
         FROM story s
         WHERE s.deleted_at IS NULL AND s.created_at < ?1
         ORDER BY s.id",
    )?;
    let rows = stmt
        .query_map([&cut], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                // NULL until the story check has run on a story from an
                // older file or an import: no findings known yet.
                r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, title, primary, secondary, findings, last)| {
            let (primary, secondary) = stored_principles(primary, &secondary)?;
            Ok(StoryFact {
                id,
                title,
                principles: primary.into_iter().chain(secondary).collect(),
                major_findings: u32::try_from(findings).unwrap_or(0),
                last_worked: last.get(..10).and_then(|d| d.parse().ok()).unwrap_or(day),
            })
        })
        .collect()
}

/// What the practice log holds for `day`: the part of [`day_work`] whose
/// minutes are already in the log.
pub fn logged_work(store: &Store, day: NaiveDate) -> AppResult<DayWork> {
    let mut work = DayWork::default();
    let conn = store.conn();
    let mut stmt = conn
        .prepare_cached("SELECT data FROM practice_entry WHERE date = ?1 AND deleted_at IS NULL")?;
    let rows = stmt
        .query_map([day.to_string()], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    for data in rows {
        let Ok(activity) = serde_json::from_str::<Activity>(&data) else {
            continue;
        };
        match activity {
            Activity::Coding { name, .. } => work.coding.push(name),
            Activity::Design { name, .. } => work.designs.push(name),
            Activity::LpStudy { .. } => work.lp_study = true,
            Activity::StoryPractice { .. } => work.story_practice = true,
            Activity::ExternalMock { round, .. } => work.rounds.push(round.as_str().to_string()),
            _ => {}
        }
    }
    Ok(work)
}

/// Everything done on `day` that can complete a named item: what the
/// practice log holds ([`logged_work`]), the rounds timed, the assessment
/// taken and the stories written or revised.
pub fn day_work(store: &Store, day: NaiveDate) -> AppResult<DayWork> {
    let mut work = logged_work(store, day)?;
    let conn = store.conn();
    let from = local_day_start(day).to_rfc3339();
    let to = local_day_start(day + chrono::Duration::days(1)).to_rfc3339();
    // Only a round that counts as a mock interview (`full_round`, as the
    // weekly minimum reads it) does a mock item: a partial one counts nowhere.
    let mut stmt = conn.prepare_cached(
        "SELECT kind FROM mock_session WHERE ended_at >= ?1 AND ended_at < ?2 AND full_round = 1",
    )?;
    work.rounds.extend(
        stmt.query_map([&from, &to], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?,
    );
    let mut stmt = conn.prepare_cached("SELECT count(*) FROM assessment WHERE taken_on = ?1")?;
    work.assessment = stmt.query_row([day.to_string()], |r| r.get::<_, i64>(0))? > 0;
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT s.uuid FROM story_revision r JOIN story s ON s.id = r.story_id
         WHERE r.updated_at >= ?1 AND r.updated_at < ?2 AND s.deleted_at IS NULL",
    )?;
    work.revised_stories = stmt
        .query_map([&from, &to], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT primary_lp, secondary_lps FROM story
         WHERE created_at >= ?1 AND created_at < ?2 AND deleted_at IS NULL
           AND situation <> '' AND task <> '' AND action <> '' AND result <> ''",
    )?;
    let rows = stmt
        .query_map([&from, &to], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (primary, secondary) in rows {
        let (primary, secondary) = stored_principles(primary, &secondary)?;
        work.written_principles
            .extend(primary.into_iter().chain(secondary));
    }
    Ok(work)
}

/// The problem bank's history from the log (kept until the log changes).
pub fn problem_history(store: &Store) -> AppResult<Arc<History>> {
    store.memoized(
        Area::Practice,
        |m| &mut m.problem_history,
        |store| {
            Ok(Arc::new(History::from_entries(
                crate::problems::bank(),
                &attempt_entries(store)?,
            )))
        },
    )
}

/// Every live log line that is an attempt at a bank problem, oldest first:
/// the problem bank's history.
pub fn attempt_entries(store: &Store) -> AppResult<Vec<Entry>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT date, data FROM practice_entry
         WHERE problem IS NOT NULL AND deleted_at IS NULL ORDER BY date, id",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(date, data)| {
            Some(Entry::new(
                date.parse().ok()?,
                serde_json::from_str::<Activity>(&data).ok()?,
            ))
        })
        .collect())
}

/// Sets which bank problem each coding or design line is an attempt at
/// (lines from before the column, or from an imported file).
pub fn fill_problem_keys(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String)> = conn
        .prepare("SELECT id, data FROM practice_entry WHERE kind IN ('coding', 'design')")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    set_problem_keys(conn, rows)
}

/// [`fill_problem_keys`] for the lines with these ids only (a sync file's).
pub fn fill_problem_keys_of(conn: &rusqlite::Connection, uuids: &[&str]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, data FROM practice_entry WHERE uuid = ?1 AND kind IN ('coding', 'design')",
    )?;
    let mut rows = Vec::new();
    for uuid in uuids {
        if let Some(row) = stmt
            .query_map([uuid], |r| Ok((r.get(0)?, r.get(1)?)))?
            .next()
        {
            rows.push(row?);
        }
    }
    set_problem_keys(conn, rows)
}

fn set_problem_keys(conn: &rusqlite::Connection, rows: Vec<(i64, String)>) -> rusqlite::Result<()> {
    let mut set = conn.prepare_cached("UPDATE practice_entry SET problem = ?2 WHERE id = ?1")?;
    let bank = crate::problems::bank();
    for (id, data) in rows {
        let key = serde_json::from_str::<Activity>(&data)
            .ok()
            .and_then(|a| bank.problem_key(&a));
        set.execute(rusqlite::params![id, key])?;
    }
    Ok(())
}
