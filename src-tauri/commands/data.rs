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
    let store = state.store()?;
    let info = backup::create(&store, &dir, Utc::now(), "manual")?;
    backup::thin(&dir, backup::policy(&store)?)?;
    Ok(info)
}

/// How many daily, weekly and monthly backups are kept.
#[derive(Debug, serde::Serialize)]
pub struct PolicyView {
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
}

impl From<backup::Policy> for PolicyView {
    fn from(p: backup::Policy) -> Self {
        PolicyView {
            daily: p.daily,
            weekly: p.weekly,
            monthly: p.monthly,
        }
    }
}

#[tauri::command]
pub fn backup_policy(state: State<'_, AppState>) -> AppResult<PolicyView> {
    Ok(backup::policy(&*state.store()?)?.into())
}

/// Changes how many backups are kept and thins the folder to match.
#[tauri::command]
pub fn set_backup_policy(
    state: State<'_, AppState>,
    daily: f64,
    weekly: f64,
    monthly: f64,
) -> AppResult<PolicyView> {
    let daily = backup::kept_count("daily", daily)?;
    let weekly = backup::kept_count("weekly", weekly)?;
    let monthly = backup::kept_count("monthly", monthly)?;
    let store = state.store()?;
    let policy = backup::set_policy(&store, daily, weekly, monthly)?;
    backup::thin(&backup::backup_dir(&state.data_dir), policy)?;
    Ok(policy.into())
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
