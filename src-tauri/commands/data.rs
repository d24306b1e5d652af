//! Data safety in the window: what happened at start, the backups, and
//! restoring one.

use chrono::Utc;
use tauri::State;

use super::AppState;
use crate::error::AppResult;
use crate::store::backup::{self, BackupInfo};

/// Messages from opening the database (a recovery, a refusal), shown once.
#[tauri::command]
pub fn startup_notices(state: State<'_, AppState>) -> Vec<String> {
    state.notices.clone()
}

#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> AppResult<Vec<BackupInfo>> {
    backup::list(&backup::backup_dir(&state.data_dir))
}

#[tauri::command]
pub fn backup_now(state: State<'_, AppState>) -> AppResult<BackupInfo> {
    let dir = backup::backup_dir(&state.data_dir);
    let info = backup::create(&*state.store()?, &dir, Utc::now(), "manual")?;
    backup::thin(&dir, backup::Policy::default())?;
    Ok(info)
}

/// Restores `file` after backing up the current state, so a restore can be
/// undone by restoring that one.
#[tauri::command]
pub fn restore_backup(state: State<'_, AppState>, file: String) -> AppResult<BackupInfo> {
    let dir = backup::backup_dir(&state.data_dir);
    let mut store = state.store()?;
    let before = backup::create(&store, &dir, Utc::now(), "before-restore")?;
    backup::restore(&mut store, &dir, &file)?;
    Ok(before)
}
