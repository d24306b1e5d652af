//! Reading and saving the candidate's profile, for the window and the CLI.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::plan::profile::{Profile, ProfileError, MAX_HOURS, MIN_HOURS};
use crate::store::codec::from_text;
use crate::store::{self, Store};

/// A profile as typed by the user, in the window or on the command line.
/// Everything arrives as text so that a bad value becomes a clear
/// `AppError` naming the field, not a deserialisation failure.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileInput {
    pub interview_date: String,
    pub target_level: String,
    pub track: String,
    pub current_level: String,
    /// A number as typed: a fraction is refused by name, not truncated.
    pub hours_per_week: f64,
    pub prep_days: Vec<String>,
    pub risk: String,
}

impl ProfileInput {
    /// Parses and validates against `today`: the one gate for both front ends.
    pub fn parse(&self, today: NaiveDate) -> AppResult<Profile> {
        let interview_date = self
            .interview_date
            .trim()
            .parse::<NaiveDate>()
            .map_err(|_| {
                let message = if self.interview_date.trim().is_empty() {
                    "Pick the date of your interview.".to_owned()
                } else {
                    format!(
                        "The interview date must be a date like 2026-12-31 (got '{}').",
                        self.interview_date
                    )
                };
                AppError::field("interviewDate", message)
            })?;
        let hours = self.hours_per_week;
        if hours.fract() != 0.0 {
            return Err(AppError::field(
                "hoursPerWeek",
                format!("Hours per week must be a whole number from {MIN_HOURS} to {MAX_HOURS} (got {hours})."),
            ));
        }
        if !(0.0..=f64::from(MAX_HOURS)).contains(&hours) {
            return Err(ProfileError::HoursOutOfRange(hours as i64).into());
        }
        // Checked above: a whole number from 0 to MAX_HOURS; 0 is refused by
        // the profile's own check below.
        let hours_per_week = hours as u32;
        let prep_days = self
            .prep_days
            .iter()
            .map(|d| {
                d.trim()
                    .parse::<Weekday>()
                    .map_err(|_| AppError::field("prepDays", format!("Unknown weekday: '{d}'.")))
            })
            .collect::<AppResult<Vec<_>>>()?;
        let profile = Profile {
            interview_date,
            target_level: from_text(self.target_level.trim(), "target level")?,
            track: from_text(self.track.trim(), "track")?,
            current_level: from_text(self.current_level.trim(), "current level")?,
            hours_per_week,
            prep_days,
            risk: from_text(self.risk.trim(), "risk tolerance")?,
        };
        Ok(profile.validated(today)?)
    }
}

/// The profile as the Today screen shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub profile: Profile,
    pub today: NaiveDate,
    pub days_left: i64,
}

impl ProfileView {
    pub fn new(profile: Profile, today: NaiveDate) -> Self {
        let days_left = profile.days_left(today);
        ProfileView {
            profile,
            today,
            days_left,
        }
    }
}

/// The stored profile as of `today`, or `None` on first run.
pub fn get(store: &Store, today: NaiveDate) -> AppResult<Option<ProfileView>> {
    Ok(store::profile::get(store)?.map(|p| ProfileView::new(p, today)))
}

/// Validates and stores the profile, then re-plans; a refused one writes
/// nothing.
pub fn save(store: &Store, input: ProfileInput, today: NaiveDate) -> AppResult<ProfileView> {
    let profile = input.parse(today)?;
    store::profile::save(store, &profile)?;
    super::plan::replan(store, today)?;
    Ok(ProfileView::new(profile, today))
}
