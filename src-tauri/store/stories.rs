//! Queries for the story bank: stories, their revisions, the trash and
//! full-text search.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use super::codec::{from_text, to_text};
use super::{Area, Store};
use crate::error::{AppError, AppResult};
use crate::stories::coverage::StoryPrinciples;
use crate::stories::model::session_refines;
use crate::stories::sheet::{Candidate, Shown};
use crate::stories::{Principle, StoryDraft};

/// A stored story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoryRecord {
    pub id: String,
    pub draft: StoryDraft,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// One revision: the story as it stood at the end of an editing session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionRecord {
    pub id: String,
    pub story_id: String,
    /// The session that created the story (not a refinement).
    pub first: bool,
    pub draft: StoryDraft,
    pub created_at: String,
    pub updated_at: String,
}

/// A search result with the matching words marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    /// Text around the match; matched words are wrapped in
    /// [`MATCH_START`] / [`MATCH_END`] so the window can mark them without
    /// treating any text as HTML.
    pub snippet: String,
    /// Its rank (store::search_rank): lower is better.
    pub rank: f64,
}

/// Around each matched word in a snippet (the window marks them; the
/// characters never occur in typed text).
pub const MATCH_START: char = '\u{2}';
pub const MATCH_END: char = '\u{3}';

const COLUMNS: &str =
    "s.uuid, s.title, s.situation, s.task, s.action, s.result, s.metrics, s.primary_lp,
                       s.secondary_lps, s.scope, s.tags, s.created_at, s.updated_at, s.deleted_at";

fn to_json<T: Serialize>(v: &T) -> AppResult<String> {
    serde_json::to_string(v).map_err(|e| AppError::Internal(e.to_string()))
}

fn from_row(
    r: &Row<'_>,
) -> rusqlite::Result<(StoryRecord, Option<String>, String, String, String)> {
    Ok((
        StoryRecord {
            id: r.get(0)?,
            draft: StoryDraft {
                title: r.get(1)?,
                situation: r.get(2)?,
                task: r.get(3)?,
                action: r.get(4)?,
                result: r.get(5)?,
                metrics: r.get(6)?,
                ..StoryDraft::default()
            },
            created_at: r.get(11)?,
            updated_at: r.get(12)?,
            deleted_at: r.get(13)?,
        },
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
    ))
}

/// Fills in the parts of a row that need parsing.
fn finish(row: (StoryRecord, Option<String>, String, String, String)) -> AppResult<StoryRecord> {
    let (mut rec, primary, secondary, scope, tags) = row;
    (rec.draft.primary, rec.draft.secondary) = stored_principles(primary, &secondary)?;
    rec.draft.scope = from_text(&scope, "scope")?;
    rec.draft.tags = serde_json::from_str(&tags)
        .map_err(|e| AppError::Internal(format!("stored tags are unreadable: {e}")))?;
    Ok(rec)
}

/// A story's stored principles: the primary's id and the JSON list of the
/// secondary ones.
pub(crate) fn stored_principles(
    primary: Option<String>,
    secondary: &str,
) -> AppResult<(Option<Principle>, Vec<Principle>)> {
    Ok((
        primary
            .map(|p| from_text::<Principle>(&p, "principle"))
            .transpose()?,
        serde_json::from_str(secondary)
            .map_err(|e| AppError::Internal(format!("stored principles are unreadable: {e}")))?,
    ))
}

fn query(
    store: &Store,
    sql_tail: &str,
    param: &dyn rusqlite::ToSql,
) -> AppResult<Vec<StoryRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM story s {sql_tail}");
    let mut stmt = store.conn().prepare_cached(&sql)?;
    let rows = stmt
        .query_map([param], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(finish).collect()
}

pub fn get(store: &Store, id: &str) -> AppResult<Option<StoryRecord>> {
    Ok(query(store, "WHERE s.uuid = ?1", &id)?.into_iter().next())
}

/// The bank (not the trash), most recently edited first.
pub fn list(store: &Store) -> AppResult<Vec<StoryRecord>> {
    query(
        store,
        "WHERE s.deleted_at IS NULL AND ?1 ORDER BY s.updated_at DESC, s.id DESC",
        &1,
    )
}

/// A blank story in the bank (`StoryDraft::is_blank`), which a new story
/// opens again rather than joining it: a link followed twice, "New story"
/// pressed and left.
pub fn blank(store: &Store) -> AppResult<Option<StoryRecord>> {
    Ok(list(store)?.into_iter().find(|s| s.draft.is_blank()))
}

/// Stories in the trash, most recently deleted first.
pub fn trash(store: &Store) -> AppResult<Vec<StoryRecord>> {
    query(
        store,
        "WHERE s.deleted_at IS NOT NULL AND ?1 ORDER BY s.deleted_at DESC",
        &1,
    )
}

/// A story as the bank's list shows it: enough to name it and open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StorySummary {
    pub id: String,
    pub title: String,
    pub primary: Option<Principle>,
}

fn summaries(store: &Store, sql: &str) -> AppResult<Vec<StorySummary>> {
    let mut stmt = store.conn().prepare_cached(sql)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, title, primary)| {
            Ok(StorySummary {
                id,
                title,
                primary: primary
                    .map(|p| from_text::<Principle>(&p, "principle"))
                    .transpose()?,
            })
        })
        .collect()
}

/// [`list`] as summaries: the bank, most recently edited first.
pub fn list_summaries(store: &Store) -> AppResult<Vec<StorySummary>> {
    summaries(
        store,
        "SELECT uuid, title, primary_lp FROM story WHERE deleted_at IS NULL
         ORDER BY updated_at DESC, id DESC",
    )
}

/// [`trash`] as summaries: most recently deleted first.
pub fn trash_summaries(store: &Store) -> AppResult<Vec<StorySummary>> {
    summaries(
        store,
        "SELECT uuid, title, primary_lp FROM story WHERE deleted_at IS NOT NULL
         ORDER BY deleted_at DESC",
    )
}

fn now() -> String {
    Utc::now().to_rfc3339()
}

/// Inserts the story, or updates its text and tagging (its creation time
/// stays), in the caller's transaction.
fn write_story(conn: &Connection, id: &str, draft: &StoryDraft, now: &str) -> AppResult<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO story (uuid, title, situation, task, action, result, metrics, primary_lp, secondary_lps,
                            scope, tags, created_at, updated_at, major_findings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)
         ON CONFLICT (uuid) DO UPDATE SET title = excluded.title, situation = excluded.situation,
             task = excluded.task, action = excluded.action, result = excluded.result,
             metrics = excluded.metrics, primary_lp = excluded.primary_lp,
             secondary_lps = excluded.secondary_lps, scope = excluded.scope, tags = excluded.tags,
             updated_at = excluded.updated_at, major_findings = excluded.major_findings",
    )?;
    stmt.execute(params![
        id,
        draft.title,
        draft.situation,
        draft.task,
        draft.action,
        draft.result,
        draft.metrics,
        draft.primary.map(|p| p.id()),
        to_json(&draft.secondary)?,
        to_text(&draft.scope)?,
        to_json(&draft.tags)?,
        now,
        major_findings(draft),
    ])?;
    Ok(())
}

fn major_findings(draft: &StoryDraft) -> u32 {
    use crate::stories::lint::{lint, Severity};
    lint(draft)
        .iter()
        .filter(|f| f.severity == Severity::Major)
        .count() as u32
}

/// Computes the stored finding counts the file lacks (stories saved by a
/// version before migration 009, or written by an import).
pub fn fill_findings(store: &Store) -> AppResult<()> {
    let missing: Vec<(i64, StoryRecord)> = {
        let mut stmt = store.conn().prepare(&format!(
            "SELECT {COLUMNS}, s.id FROM story s WHERE s.major_findings IS NULL"
        ))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(14)?, from_row(r)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, row)| finish(row).map(|rec| (id, rec)))
            .collect::<AppResult<_>>()?
    };
    if missing.is_empty() {
        return Ok(());
    }
    let tx = store.conn().unchecked_transaction()?;
    for (id, rec) in &missing {
        tx.prepare_cached("UPDATE story SET major_findings = ?2 WHERE id = ?1")?
            .execute(params![id, major_findings(&rec.draft)])?;
    }
    tx.commit()?;
    Ok(())
}

/// The condition on a `story` row that it has STAR text. Until then it
/// covers no principle, is not rehearsed and is not on the sheet: a link
/// that picks a principle for a new story does not make a story of it.
pub(crate) const HAS_STAR_TEXT: &str =
    "(trim(situation) <> '' OR trim(task) <> '' OR trim(action) <> '' OR trim(result) <> '')";

/// Each live story with STAR text ([`HAS_STAR_TEXT`]) and its principles,
/// in bank order: all the coverage matrix needs.
pub fn principles(store: &Store) -> AppResult<Vec<StoryPrinciples<String>>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT uuid, primary_lp, secondary_lps FROM story
         WHERE deleted_at IS NULL AND {HAS_STAR_TEXT} ORDER BY id"
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, primary, secondary)| {
            let (primary, secondary) = stored_principles(primary, &secondary)?;
            Ok(StoryPrinciples {
                id,
                primary,
                secondary,
            })
        })
        .collect()
}

/// The bank as the interview-day sheet chooses from it (the stories with
/// STAR text), newest first; the key is the row id.
pub fn sheet_candidates(store: &Store) -> AppResult<Vec<Candidate<i64>>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT id, primary_lp, secondary_lps, coalesce(major_findings, 0) FROM story
         WHERE deleted_at IS NULL AND {HAS_STAR_TEXT} ORDER BY updated_at DESC, id DESC"
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(key, primary, secondary, major_findings)| {
            let (primary, secondary) = stored_principles(primary, &secondary)?;
            Ok(Candidate {
                key,
                primary,
                secondary,
                major_findings,
            })
        })
        .collect()
}

/// The text the sheet shows of the stories with row ids `keys`.
pub fn sheet_texts(store: &Store, keys: &[i64]) -> AppResult<HashMap<i64, Shown>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT id, uuid, title, action, result, metrics FROM story
         WHERE id IN (SELECT value FROM json_each(?1))",
    )?;
    let rows = stmt
        .query_map([to_json(&keys)?], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Shown {
                    id: r.get(1)?,
                    title: r.get(2)?,
                    action: r.get(3)?,
                    result: r.get(4)?,
                    metrics: r.get(5)?,
                },
            ))
        })?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(rows)
}

/// Live stories with all four STAR parts written, and of those the ones
/// the story check finds no major problem in (kept while the data is
/// unchanged: `Store::memoized`).
pub fn draft_counts(store: &Store) -> AppResult<(u32, u32)> {
    store.memoized(
        Area::Stories,
        |m| &mut m.draft_counts,
        |store| {
            Ok(store
                .conn()
                .prepare_cached(
                    "SELECT count(*), coalesce(sum(major_findings = 0), 0) FROM story
                 WHERE deleted_at IS NULL AND trim(situation) != '' AND trim(task) != ''
                   AND trim(action) != '' AND trim(result) != ''",
                )?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
        },
    )
}

/// Creates a story and its first revision, in one transaction.
pub fn create(store: &Store, draft: &StoryDraft, session: &str) -> AppResult<StoryRecord> {
    let id = uuid::Uuid::now_v7().to_string();
    let now = now();
    let tx = store.conn().unchecked_transaction()?;
    write_story(&tx, &id, draft, &now)?;
    let story_id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO story_revision (uuid, story_id, session, first, snapshot, created_at, updated_at)
         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?5)",
    )?
    .execute(params![
        uuid::Uuid::now_v7().to_string(),
        story_id,
        session,
        to_json(draft)?,
        now
    ])?;
    tx.commit()?;
    get(store, &id)?.ok_or_else(|| AppError::Internal("a created story vanished".into()))
}

/// Saves an edit. An unchanged draft writes nothing; a changed one updates
/// the story and this session's revision together.
pub fn update(
    store: &Store,
    id: &str,
    draft: &StoryDraft,
    session: &str,
) -> AppResult<StoryRecord> {
    update_at(store, id, draft, session, Utc::now())
}

/// [`update`] as of `instant` (the tests move the clock).
pub fn update_at(
    store: &Store,
    id: &str,
    draft: &StoryDraft,
    session: &str,
    instant: chrono::DateTime<Utc>,
) -> AppResult<StoryRecord> {
    let current = get(store, id)?.ok_or_else(|| AppError::NotFound("That story".into()))?;
    if current.deleted_at.is_some() {
        return Err(AppError::Invalid(
            "That story is in the trash; restore it before editing.".into(),
        ));
    }
    if current.draft == *draft {
        return Ok(current);
    }
    let now = instant.to_rfc3339();
    // Decided when the session's revision is first written; later saves of
    // the same session keep it.
    let refines = chrono::DateTime::parse_from_rfc3339(&current.updated_at)
        .is_ok_and(|last| session_refines(&current.draft, last.with_timezone(&Utc), instant));
    let tx = store.conn().unchecked_transaction()?;
    write_story(&tx, id, draft, &now)?;
    tx.prepare_cached(
        "INSERT INTO story_revision (uuid, story_id, session, first, snapshot, created_at, updated_at, refines)
         SELECT ?1, id, ?2, 0, ?3, ?4, ?4, ?6 FROM story WHERE uuid = ?5
         ON CONFLICT (story_id, session) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at",
    )?
    .execute(params![
        uuid::Uuid::now_v7().to_string(),
        session,
        to_json(draft)?,
        now,
        id,
        refines
    ])?;
    tx.commit()?;
    get(store, id)?.ok_or_else(|| AppError::Internal("a saved story vanished".into()))
}

/// Moves a story to the trash or back.
pub fn set_deleted(store: &Store, id: &str, deleted: bool) -> AppResult<()> {
    let changed = store
        .conn()
        .prepare_cached(
            // The change time moves too, so a merge or a sync carries the
            // trash (and a restore) like any other edit.
            "UPDATE story SET deleted_at = CASE WHEN ?2 THEN ?3 ELSE NULL END, updated_at = ?3
             WHERE uuid = ?1",
        )?
        .execute(params![id, deleted, now()])?;
    if changed == 0 {
        return Err(AppError::NotFound("That story".into()));
    }
    Ok(())
}

/// A story's revisions, newest first.
pub fn revisions(store: &Store, id: &str) -> AppResult<Vec<RevisionRecord>> {
    let mut stmt = store.conn().prepare(
        "SELECT r.uuid, s.uuid, r.first, r.snapshot, r.created_at, r.updated_at
         FROM story_revision r JOIN story s ON s.id = r.story_id
         WHERE s.uuid = ?1 ORDER BY r.id DESC",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, story_id, first, snapshot, created_at, updated_at)| {
            let draft = serde_json::from_str(&snapshot)
                .map_err(|e| AppError::Internal(format!("a stored revision is unreadable: {e}")))?;
            Ok(RevisionRecord {
                id,
                story_id,
                first,
                draft,
                created_at,
                updated_at,
            })
        })
        .collect()
}

pub fn revision(store: &Store, revision_id: &str) -> AppResult<Option<RevisionRecord>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT s.uuid FROM story_revision r JOIN story s ON s.id = r.story_id WHERE r.uuid = ?1",
    )?;
    let story: Option<String> = stmt.query_row([revision_id], |r| r.get(0)).optional()?;
    let Some(story) = story else { return Ok(None) };
    Ok(revisions(store, &story)?
        .into_iter()
        .find(|r| r.id == revision_id))
}

/// Refinements (revisions after the first) whose session began in
/// [from, to], for the weekly minimum of 3.
pub fn refinements_between(store: &Store, from: NaiveDate, to: NaiveDate) -> AppResult<u32> {
    let start = from
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().to_rfc3339())
        .unwrap_or_default();
    let end = to
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().to_rfc3339())
        .unwrap_or_default();
    Ok(store
        .conn()
        .prepare_cached(
            "SELECT count(*) FROM story_revision r JOIN story s ON s.id = r.story_id
         WHERE r.refines = 1 AND s.deleted_at IS NULL AND r.created_at >= ?1 AND r.created_at < ?2",
        )?
        .query_row(params![start, end], |r| r.get(0))?)
}

/// Turns what the user typed into an FTS5 query: every word must match,
/// the last one as a prefix (so results appear while typing). Quotes keep
/// FTS syntax characters in the input from being read as operators.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(format!("{}*", words.join(" ")))
}

/// Ranked full-text search over every field of the stories in the bank.
pub fn search(store: &Store, input: &str, limit: u32) -> AppResult<Vec<SearchHit>> {
    let Some(q) = fts_query(input) else {
        return Ok(Vec::new());
    };
    // The index holds the bank only (migration 013), so FTS5 ranks every
    // match (store::search_rank) and stops at the best `limit`; snippets
    // are made for those.
    let mut stmt = store.conn().prepare_cached(
        "SELECT s.uuid, s.title, f.snip, f.rank
         FROM (SELECT rowid AS id, snippet(story_fts, story_hit_column(story_fts), ?3, ?4, '…', 14) AS snip, rank
               FROM story_fts WHERE story_fts MATCH ?1 AND rank MATCH 'story_rank()'
               ORDER BY rank LIMIT ?2) f
         JOIN story s ON s.id = f.id
         ORDER BY f.rank",
    )?;
    let hits = stmt
        .query_map(
            params![q, limit, MATCH_START.to_string(), MATCH_END.to_string()],
            |r| {
                Ok(SearchHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    snippet: r.get(2)?,
                    rank: r.get(3)?,
                })
            },
        )?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(hits)
}

/// How many stories in the bank match `input`, for "50 of 312 matches".
pub fn search_count(store: &Store, input: &str) -> AppResult<u32> {
    let Some(q) = fts_query(input) else {
        return Ok(0);
    };
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT count(*) FROM story_fts WHERE story_fts MATCH ?1")?;
    Ok(stmt.query_row(params![q], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_a_quoted_prefix_query() {
        assert_eq!(
            fts_query("cut latency").as_deref(),
            Some("\"cut\" \"latency\"*")
        );
    }

    #[test]
    fn fts_operators_in_the_input_are_not_operators() {
        assert_eq!(
            fts_query("a OR b\"*").as_deref(),
            Some("\"a\" \"OR\" \"b\"*")
        );
        assert_eq!(fts_query("  -- ").as_deref(), None);
    }
}
