//! Sync from the window (`service::sync`): choosing the folder in the
//! native dialog, naming this machine, "Sync now", and the thread that
//! syncs every minute while a folder is set.

use std::path::PathBuf;
use std::time::Duration;

use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::AppState;
use crate::error::{AppError, AppResult};
use crate::service::sync::{self, Status};
use crate::shell::paths::SYNC_FOLDER_ENV;
use crate::store::Store;

/// Sent to the window when the thread applied another machine's files.
pub const SYNCED_EVENT: &str = "synced";

#[tauri::command]
pub fn sync_status(state: State<'_, AppState>) -> AppResult<Status> {
    sync::status(&*state.store()?)
}

/// Asks for the folder (a sync program's folder) and starts syncing
/// through it; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn sync_choose_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Status>> {
    let folder = match std::env::var_os(SYNC_FOLDER_ENV) {
        Some(f) => PathBuf::from(f),
        None => {
            let Some(chosen) = app
                .dialog()
                .file()
                .set_title("Choose the folder to sync through")
                .blocking_pick_folder()
            else {
                return Ok(None);
            };
            chosen.into_path().map_err(|e| {
                AppError::field("syncFolder", format!("That folder cannot be used: {e}."))
            })?
        }
    };
    sync::set_folder(&*state.store()?, &folder, &state.data_dir).map(Some)
}

#[tauri::command]
pub fn sync_now(state: State<'_, AppState>) -> AppResult<Status> {
    sync::now(&*state.store()?)
}

#[tauri::command]
pub fn sync_leave(state: State<'_, AppState>) -> AppResult<Status> {
    let store = state.store()?;
    sync::leave(&store)?;
    sync::status(&store)
}

#[tauri::command]
pub fn set_sync_name(state: State<'_, AppState>, name: String) -> AppResult<Status> {
    let store = state.store()?;
    sync::set_name(&store, &name)?;
    sync::status(&store)
}

/// "Keep this one" under a sync conflict: the version set aside
/// (`keepSetAside`) or the one in use.
#[tauri::command]
pub fn settle_sync_conflict(
    state: State<'_, AppState>,
    id: i64,
    keep_set_aside: bool,
) -> AppResult<Status> {
    sync::settle(&*state.store()?, id, keep_set_aside)
}

/// Wakes the sync thread ahead of its minute (the window gained focus).
pub struct SyncWaker(std::sync::mpsc::Sender<()>);

impl SyncWaker {
    pub fn wake(&self) {
        let _ = self.0.send(());
    }
}

/// Syncs at start, once a minute and whenever the window gains focus (at
/// most every ten seconds), on its own connection, while a folder is set;
/// tells the window when another machine's changes came in.
pub fn spawn_sync<R: Runtime>(app: AppHandle<R>, store: Store) -> std::io::Result<SyncWaker> {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("loopready-sync".into())
        .spawn(move || loop {
            match sync::tick(&store) {
                Ok(true) => {
                    let _ = app.emit(SYNCED_EVENT, ());
                }
                Ok(false) => {}
                Err(e) => log::warn!("sync could not run: {e}"),
            }
            std::thread::sleep(Duration::from_secs(10));
            match rx.recv_timeout(Duration::from_secs(50)) {
                Ok(()) | Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    // Focus changes that came while syncing count once.
                    while rx.try_recv().is_ok() {}
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    std::thread::sleep(Duration::from_secs(50));
                }
            }
        })
        .map(|_| SyncWaker(tx))
}
