//! Reading and saving the candidate's profile (`service::profile`).

use tauri::State;

use super::{today, AppState};
use crate::error::AppResult;
use crate::service::profile::{self, ProfileInput, ProfileOptions, ProfileView};

/// The sets, limits and defaults the profile form offers.
#[tauri::command]
pub fn profile_options() -> ProfileOptions {
    profile::options()
}

/// The stored profile, or `null` on first run.
#[tauri::command]
pub fn get_profile(state: State<'_, AppState>) -> AppResult<Option<ProfileView>> {
    profile::get(&*state.store()?, today())
}

/// Validates and stores the profile; a refused one writes nothing.
#[tauri::command]
pub fn save_profile(state: State<'_, AppState>, profile: ProfileInput) -> AppResult<ProfileView> {
    profile::save(&*state.store()?, profile, today())
}
