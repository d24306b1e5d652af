//! Story bank use cases shared by the window, the CLI and the dashboard:
//! the level stories are written for and the bank's coverage.

use crate::error::{AppError, AppResult};
use crate::store::{self, Store};
use crate::stories::coverage::{self, Coverage, StoryPrinciples};
use crate::stories::Scope;

/// Settings key for the coverage minimum per principle.
pub const MIN_SETTING: &str = "stories.min_per_principle";

/// The scope new stories get, and the level rehearsal aims at: the
/// profile's target level.
pub fn default_scope(store: &Store) -> AppResult<Scope> {
    Ok(match store::profile::get(store)?.map(|p| p.target_level) {
        Some(crate::plan::profile::TargetLevel::L7) => Scope::L7,
        _ => Scope::L6,
    })
}

/// Each principle's stories against the minimum, and the bank against the level's target.
pub fn coverage_of(store: &Store) -> AppResult<Coverage<String>> {
    let min = store::settings::get(store, MIN_SETTING)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(coverage::DEFAULT_MIN_PER_PRINCIPLE);
    let stories: Vec<StoryPrinciples<String>> = store::stories::principles(store)?;
    Ok(coverage::coverage(&stories, default_scope(store)?, min))
}

/// Sets the minimum stories per principle (1-5) and returns the coverage.
pub fn set_coverage_minimum(store: &Store, min: i64) -> AppResult<Coverage<String>> {
    if !(1..=5).contains(&min) {
        return Err(AppError::Invalid(format!(
            "The minimum per principle is 1 to 5 stories (got {min})."
        )));
    }
    store::settings::set(store, MIN_SETTING, &min.to_string())?;
    coverage_of(store)
}
