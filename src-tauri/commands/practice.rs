//! The practice log's IPC surface: each command takes the store and calls
//! one use case of `service::practice`.

use tauri::State;

use super::{today, AppState};
use crate::error::AppResult;
use crate::service::practice::{
    self, Dashboard, LogFilter, LogOffer, LogRow, Options, PracticeStatus,
};
use crate::store::practice::EntryRecord;

/// The kinds, patterns, difficulties and round kinds, for the entry form
/// and the Log's filter.
#[tauri::command]
pub fn practice_options() -> Options {
    practice::options()
}

#[tauri::command]
pub fn add_practice(
    state: State<'_, AppState>,
    entry: serde_json::Value,
) -> AppResult<EntryRecord> {
    practice::add(&*state.store()?, entry, today())
}

#[tauri::command]
pub fn edit_practice(
    state: State<'_, AppState>,
    id: String,
    entry: serde_json::Value,
) -> AppResult<EntryRecord> {
    practice::edit(&*state.store()?, &id, entry)
}

#[tauri::command]
pub fn delete_practice(state: State<'_, AppState>, id: String) -> AppResult<()> {
    practice::set_deleted(&*state.store()?, &id, true)
}

#[tauri::command]
pub fn restore_practice(state: State<'_, AppState>, id: String) -> AppResult<()> {
    practice::set_deleted(&*state.store()?, &id, false)
}

/// A page of the log, narrowed by `filter` when given.
#[tauri::command]
pub fn practice_log(
    state: State<'_, AppState>,
    limit: Option<u32>,
    filter: Option<LogFilter>,
) -> AppResult<Vec<LogRow>> {
    practice::page(&*state.store()?, limit, filter)
}

/// How many lines of the log match `filter`, over every page: the Log
/// view's "12 entries match".
#[tauri::command]
pub fn practice_log_count(state: State<'_, AppState>, filter: Option<LogFilter>) -> AppResult<u64> {
    practice::count(&*state.store()?, filter)
}

#[tauri::command]
pub fn practice_status(state: State<'_, AppState>) -> AppResult<PracticeStatus> {
    practice::status(&*state.store()?, today())
}

#[tauri::command]
pub fn practice_dashboard(state: State<'_, AppState>) -> AppResult<Dashboard> {
    practice::dashboard_of(&*state.store()?, today())
}

/// What one click would log for a ticked item of today's agenda, if anything.
#[tauri::command]
pub fn practice_offer(state: State<'_, AppState>, key: String) -> AppResult<Option<LogOffer>> {
    practice::offer(&*state.store()?, &key, today())
}

/// Logs today's agenda item `key` as practice (once per item).
#[tauri::command]
pub fn log_agenda_item(state: State<'_, AppState>, key: String) -> AppResult<EntryRecord> {
    practice::log_agenda_item(&*state.store()?, &key, today())
}
