//! Exports and imports from the window: it chooses files in the native
//! dialogs (tauri-plugin-dialog) and `service::export` does the rest.
//! Exports are written atomically (`files`).

use std::path::PathBuf;

use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::AppState;
use crate::error::{AppError, AppResult};
use crate::service::export::{self, ExportFormat};
use crate::shell::files::write_atomic;
use crate::shell::paths::{EXPORT_DIR_ENV, IMPORT_FILE_ENV};

/// Asks where to save `name` (or, under the test seam, picks the export
/// folder). `None` when the person cancelled the dialog.
fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    filter: (&str, &[&str]),
) -> AppResult<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV) {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let Some(chosen) = app
        .dialog()
        .file()
        .set_title("Export")
        .set_file_name(name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
    else {
        return Ok(None);
    };
    chosen
        .into_path()
        .map(Some)
        .map_err(|e| AppError::Invalid(format!("That location cannot be written to: {e}.")))
}

/// Exports in `format` (json, markdown, csv or ics) to a file chosen in the
/// save dialog; returns where it went, or `None` when cancelled.
#[tauri::command]
pub async fn export_data<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
) -> AppResult<Option<String>> {
    let format = ExportFormat::from_name(&format)?;
    let text = export::render(&*state.store()?, format)?;
    let (name, filter) = export::suggested(format);
    let Some(dest) = save_path(&app, &name, filter)? else {
        return Ok(None);
    };
    write_atomic(&dest, text.as_bytes())?;
    Ok(Some(dest.display().to_string()))
}

/// Imports a file chosen in the open dialog; `mode` is "merge" or
/// "replace". Returns a sentence for the banner, or `None` when cancelled.
#[tauri::command]
pub async fn import_data<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    mode: String,
) -> AppResult<Option<String>> {
    let mode = export::mode_from_name(&mode)?;
    let file = match std::env::var_os(IMPORT_FILE_ENV) {
        Some(f) => PathBuf::from(f),
        None => {
            let Some(chosen) = app
                .dialog()
                .file()
                .set_title("Import a Loopready export")
                .add_filter("Loopready export", &["json"])
                .blocking_pick_file()
            else {
                return Ok(None);
            };
            chosen
                .into_path()
                .map_err(|e| AppError::Invalid(format!("That file cannot be read: {e}.")))?
        }
    };
    let mut store = state.store()?;
    export::import_file(&mut store, &state.data_dir, &file, Some(mode)).map(Some)
}
