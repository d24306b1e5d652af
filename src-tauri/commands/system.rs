//! App-wide commands: version and data folder, the test notification.

use serde::Serialize;
use tauri::State;

use super::AppState;
use crate::error::AppResult;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.data_dir.display().to_string(),
    }
}

pub const TEST_TITLE: &str = "Loopready test notification";
pub const TEST_BODY: &str =
    "Notifications work: you will hear from Loopready at each phase of a mock round.";

/// Sends a fixed notification so the user can check their desktop shows it.
#[tauri::command]
pub fn send_test_notification(state: State<'_, AppState>) -> AppResult<()> {
    state.notifier.notify(TEST_TITLE, TEST_BODY)
}

/// Changes when another process wrote to the database, so the window knows
/// to refresh what it shows.
#[tauri::command]
pub fn data_version(state: State<'_, AppState>) -> AppResult<i64> {
    state.store()?.data_version()
}

/// The window has saved what it had and may now close (see `app::on_close`).
#[tauri::command]
pub fn finish_close<R: tauri::Runtime>(window: tauri::WebviewWindow<R>) -> AppResult<()> {
    window
        .destroy()
        .map_err(|e| crate::error::AppError::Internal(e.to_string()))
}

/// The page says whether it holds typed text not yet stored, so closing the
/// window can wait for it to be saved.
#[tauri::command]
pub fn set_unsaved(state: State<'_, AppState>, unsaved: bool) {
    state
        .unsaved
        .store(unsaved, std::sync::atomic::Ordering::SeqCst);
}
