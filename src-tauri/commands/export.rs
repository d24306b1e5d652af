//! Exports written from the window: the file is chosen in the native save
//! dialog (tauri-plugin-dialog) and written atomically (`files`).

use std::path::PathBuf;

use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{today, AppState};
use crate::error::{AppError, AppResult};
use crate::files::write_atomic;
use crate::paths::EXPORT_DIR_ENV;
use crate::store::{self, Store};
use crate::stories::markdown::markdown;

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

/// The live story bank as Markdown, grouped by principle.
pub fn stories_markdown(store: &Store) -> AppResult<String> {
    let drafts: Vec<_> = store::stories::list(store)?
        .into_iter()
        .map(|s| s.draft)
        .collect();
    Ok(markdown(&drafts, &today().to_string()))
}

/// Exports the story bank as one Markdown file; returns where it went, or
/// `None` when the dialog was cancelled (nothing written).
#[tauri::command]
pub async fn export_stories_markdown<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<String>> {
    // Read first and release the database before the dialog waits on a person.
    let text = stories_markdown(&*state.store()?)?;
    let name = format!("loopready-stories-{}.md", today());
    let Some(dest) = save_path(&app, &name, ("Markdown", &["md"]))? else {
        return Ok(None);
    };
    write_atomic(&dest, text.as_bytes())?;
    Ok(Some(dest.display().to_string()))
}
