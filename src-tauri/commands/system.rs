//! App-wide commands: version and data folder, diagnostics for a bug
//! report, the test notification.

use serde::Serialize;
use tauri::State;

use super::AppState;
use crate::error::AppResult;
use crate::shell::startup;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: String,
    pub log_file: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.data_dir.display().to_string(),
        log_file: crate::shell::log::file(&state.data_dir)
            .display()
            .to_string(),
    }
}

/// How many of the log's latest problems a diagnostics summary carries.
const DIAGNOSTIC_PROBLEMS: usize = 10;

/// What a bug report needs to know about this installation.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostics {
    pub version: &'static str,
    pub os: &'static str,
    pub arch: &'static str,
    /// The system web view's own version (WebKitGTK, WKWebView, WebView2).
    pub webview: String,
    pub data_dir: String,
    pub data_bytes: u64,
    pub log_file: String,
    pub recent_problems: Vec<String>,
}

#[tauri::command]
pub fn diagnostics(state: State<'_, AppState>) -> Diagnostics {
    Diagnostics {
        version: env!("CARGO_PKG_VERSION"),
        os: std::env::consts::OS,
        arch: std::env::consts::ARCH,
        webview: tauri::webview_version().unwrap_or_else(|e| format!("unknown ({e})")),
        data_dir: state.data_dir.display().to_string(),
        data_bytes: folder_bytes(&state.data_dir),
        log_file: crate::shell::log::file(&state.data_dir)
            .display()
            .to_string(),
        recent_problems: crate::shell::log::recent_problems(&state.data_dir, DIAGNOSTIC_PROBLEMS),
    }
}

/// The size of everything under `dir` (the database, backups, logs); what
/// cannot be read counts as nothing.
fn folder_bytes(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => folder_bytes(&entry.path()),
            Ok(_) => entry.metadata().map_or(0, |m| m.len()),
            Err(_) => 0,
        })
        .sum()
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

/// Settings key for the colour theme.
pub const THEME_SETTING: &str = "ui.theme";

/// The colour theme: follow the OS, or always light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn parse(text: &str) -> Option<Theme> {
        match text {
            "system" => Some(Theme::System),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// What the native window frame should use (`None`: the OS's choice).
    pub fn native(self) -> Option<tauri::Theme> {
        match self {
            Theme::System => None,
            Theme::Light => Some(tauri::Theme::Light),
            Theme::Dark => Some(tauri::Theme::Dark),
        }
    }
}

/// The stored theme (the OS's when none was chosen).
pub fn stored_theme(store: &crate::store::Store) -> AppResult<Theme> {
    Ok(crate::store::settings::get(store, THEME_SETTING)?
        .as_deref()
        .and_then(Theme::parse)
        .unwrap_or(Theme::System))
}

#[tauri::command]
pub fn theme(state: State<'_, AppState>) -> AppResult<Theme> {
    stored_theme(&*state.store()?)
}

/// Stores the theme and gives the window frame the same one.
#[tauri::command]
pub fn set_theme<R: tauri::Runtime>(
    window: tauri::WebviewWindow<R>,
    state: State<'_, AppState>,
    theme: String,
) -> AppResult<Theme> {
    let chosen = Theme::parse(&theme).ok_or_else(|| {
        crate::error::AppError::Invalid(format!(
            "The theme is system, light or dark, not \"{theme}\"."
        ))
    })?;
    crate::store::settings::set(&*state.store()?, THEME_SETTING, chosen.id())?;
    let _ = window.set_theme(chosen.native());
    Ok(chosen)
}

/// The page reached a start-up milestone (`READY`: first view painted with
/// its data; `COMPLETE`: the whole of it; `TOURED`: every view visited), at
/// `at` ms after the page's navigation began when the page says. Returns
/// what the performance harness asked for (see [`startup::page_mark`]).
#[tauri::command]
pub fn startup_mark(stage: String, at: Option<f64>) -> String {
    startup::page_mark(&stage, at)
}
