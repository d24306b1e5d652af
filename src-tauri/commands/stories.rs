//! The story bank: list, edit with autosave, revisions, trash, coverage,
//! lint and search.

use serde::Serialize;
use tauri::State;

use super::AppState;
use crate::error::{sentence, AppError, AppResult};
use crate::service::stories;
use crate::store::stories::{RevisionRecord, SearchHit, StoryRecord, StorySummary};
use crate::store::{self, Store};
use crate::stories::coverage::Coverage;
use crate::stories::lint::{lint, Finding};
use crate::stories::model::{
    LIST_PAGE, METRICS_MAX_CHARS, PART_MAX_CHARS, SEARCH_PAGE, TAGS_MAX, TAG_MAX_CHARS,
    TITLE_MAX_CHARS,
};
use crate::stories::sheet::{self, Sheet};
use crate::stories::speaking::{standard_timing, SpeakingReport};
use crate::stories::{Field, StoryDraft, StoryError};

/// A part of an autosave that was refused and kept its stored text.
#[derive(Debug, Serialize)]
pub struct Refusal {
    pub field: &'static str,
    pub message: String,
}

impl From<StoryError> for Refusal {
    fn from(e: StoryError) -> Self {
        let field = e.field().map_or("title", Field::id);
        Refusal {
            field,
            message: sentence(&e.to_string()),
        }
    }
}

/// An autosave's answer: the story as stored, and the parts refused (each
/// kept its stored text while the rest of the draft was saved).
#[derive(Debug, Serialize)]
pub struct SavedStory {
    #[serde(flatten)]
    pub story: StoryView,
    pub refused: Vec<Refusal>,
}

/// What the editor shows beside the text: timing and lint, from Rust.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoryFeedback {
    pub timing: SpeakingReport,
    pub findings: Vec<Finding>,
}

impl StoryFeedback {
    pub fn of(draft: &StoryDraft) -> Self {
        StoryFeedback {
            timing: standard_timing(draft),
            findings: lint(draft),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoryView {
    #[serde(flatten)]
    pub record: StoryRecord,
    pub feedback: StoryFeedback,
}

impl From<StoryRecord> for StoryView {
    fn from(record: StoryRecord) -> Self {
        let feedback = StoryFeedback::of(&record.draft);
        StoryView { record, feedback }
    }
}

/// The bank and the trash as the list beside the editor shows them; the
/// editor reads the whole story with `get_story`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoryList {
    pub stories: Vec<StorySummary>,
    pub trash: Vec<StorySummary>,
}

#[tauri::command]
pub fn list_stories(state: State<'_, AppState>) -> AppResult<StoryList> {
    let store = state.store()?;
    Ok(StoryList {
        stories: store::stories::list_summaries(&store)?,
        trash: store::stories::trash_summaries(&store)?,
    })
}

#[tauri::command]
pub fn get_story(state: State<'_, AppState>, id: String) -> AppResult<StoryView> {
    let store = state.store()?;
    Ok(store::stories::get(&store, &id)?
        .ok_or_else(|| AppError::NotFound("That story".into()))?
        .into())
}

/// Starts a new story in editing session `session` (`service::stories::start`).
#[tauri::command]
pub fn create_story(state: State<'_, AppState>, session: String) -> AppResult<StoryView> {
    Ok(stories::start(&*state.store()?, &session)?.into())
}

/// Autosave: stores every part of the draft that passes its check and
/// reports the others, which keep their stored text; the session groups the
/// saves of one sitting into one revision.
#[tauri::command]
pub fn save_story(
    state: State<'_, AppState>,
    id: String,
    draft: StoryDraft,
    session: String,
) -> AppResult<SavedStory> {
    let store = state.store()?;
    let stored =
        store::stories::get(&store, &id)?.ok_or_else(|| AppError::NotFound("That story".into()))?;
    let (draft, refused) = draft.accept_valid(&stored.draft);
    let draft = draft.validated()?;
    let saved = store::stories::update(&store, &id, &draft, &session)?;
    crate::service::stories::tick_after_save(&store, &stored, &draft, super::today());
    Ok(SavedStory {
        story: saved.into(),
        refused: refused.into_iter().map(Refusal::from).collect(),
    })
}

/// The most each input of the editor holds, so the window can say so
/// before a save is refused, and the pages of the list and of search.
#[derive(Debug, Serialize)]
pub struct StoryLimits {
    pub title: usize,
    pub part: usize,
    pub metrics: usize,
    pub tag: usize,
    pub tags: usize,
    pub search_page: u32,
    pub list_page: usize,
}

#[tauri::command]
pub fn story_limits() -> StoryLimits {
    StoryLimits {
        title: TITLE_MAX_CHARS,
        part: PART_MAX_CHARS,
        metrics: METRICS_MAX_CHARS,
        tag: TAG_MAX_CHARS,
        tags: TAGS_MAX,
        search_page: SEARCH_PAGE,
        list_page: LIST_PAGE,
    }
}

/// Timing and lint for text not saved yet (the editor's live panel).
#[tauri::command]
pub fn story_feedback(draft: StoryDraft) -> StoryFeedback {
    StoryFeedback::of(&draft)
}

#[tauri::command]
pub fn delete_story(state: State<'_, AppState>, id: String) -> AppResult<()> {
    store::stories::set_deleted(&*state.store()?, &id, true)
}

#[tauri::command]
pub fn restore_story(state: State<'_, AppState>, id: String) -> AppResult<StoryView> {
    let store = state.store()?;
    store::stories::set_deleted(&store, &id, false)?;
    Ok(store::stories::get(&store, &id)?
        .ok_or_else(|| AppError::NotFound("That story".into()))?
        .into())
}

#[tauri::command]
pub fn story_revisions(state: State<'_, AppState>, id: String) -> AppResult<Vec<RevisionRecord>> {
    store::stories::revisions(&*state.store()?, &id)
}

/// Puts an old revision's text back; it becomes this session's revision.
#[tauri::command]
pub fn restore_revision(
    state: State<'_, AppState>,
    revision_id: String,
    session: String,
) -> AppResult<StoryView> {
    let store = state.store()?;
    let rev = store::stories::revision(&store, &revision_id)?
        .ok_or_else(|| AppError::NotFound("That revision".into()))?;
    Ok(store::stories::update(&store, &rev.story_id, &rev.draft, &session)?.into())
}

#[tauri::command]
pub fn search_stories(
    state: State<'_, AppState>,
    query: String,
    limit: Option<u32>,
) -> AppResult<SearchPage> {
    let store = state.store()?;
    let limit = limit.unwrap_or(SEARCH_PAGE).clamp(1, 10 * SEARCH_PAGE);
    Ok(SearchPage {
        hits: store::stories::search(&store, &query, limit)?,
        total: store::stories::search_count(&store, &query)?,
    })
}

/// The best matches of a search, and how many stories match in all.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub total: u32,
}

#[tauri::command]
pub fn story_coverage(state: State<'_, AppState>) -> AppResult<Coverage<String>> {
    Ok(stories::coverage_of(&*state.store()?)?.for_window())
}

/// Sets the minimum stories per principle (1-5).
#[tauri::command]
pub fn set_coverage_minimum(state: State<'_, AppState>, min: i64) -> AppResult<Coverage<String>> {
    Ok(stories::set_coverage_minimum(&*state.store()?, min)?.for_window())
}

#[derive(Debug, Serialize)]
pub struct PrincipleInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}

/// The 16 Leadership Principles, in order, with their names.
#[tauri::command]
pub fn principles() -> Vec<PrincipleInfo> {
    crate::stories::Principle::all()
        .iter()
        .map(|p| PrincipleInfo {
            id: p.id(),
            name: p.name(),
            description: p.description(),
        })
        .collect()
}

/// The one-page interview-day sheet.
#[tauri::command]
pub fn interview_sheet(state: State<'_, AppState>) -> AppResult<Sheet> {
    sheet_of(&*state.store()?)
}

/// The sheet: which stories each principle lists is chosen from the bank's
/// tagging, then only those stories' text is read.
pub fn sheet_of(store: &Store) -> AppResult<Sheet> {
    let choices = sheet::choose(&store::stories::sheet_candidates(store)?);
    let mut keys: Vec<i64> = choices
        .iter()
        .flat_map(|c| c.picked.iter().map(|(key, _)| *key))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let texts = store::stories::sheet_texts(store, &keys)?;
    Ok(sheet::sheet(choices, |key| texts.get(key).cloned()))
}
