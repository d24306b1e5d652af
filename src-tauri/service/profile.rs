//! Reading and saving the candidate's profile, for the window and the CLI.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::plan::profile::{
    CurrentLevel, Profile, ProfileError, Risk, TargetLevel, Track, DEFAULT_HOURS, MAX_HOURS,
    MIN_HOURS,
};
use crate::practice::minimums;
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
    /// A number as typed: a fraction is refused by name, not truncated;
    /// `None` when the box was left empty.
    pub hours_per_week: Option<f64>,
    pub prep_days: Vec<String>,
    pub risk: String,
}

impl ProfileInput {
    /// Parses and validates against `today`: the one gate for both front
    /// ends. Every refused input is named at once, so a form is put right
    /// in one go.
    pub fn parse(&self, today: NaiveDate) -> AppResult<Profile> {
        let mut refused = Vec::new();
        let interview_date = kept(self.interview_date(), &mut refused);
        let hours_per_week = kept(self.hours(), &mut refused);
        let prep_days = kept(self.prep_days(), &mut refused);
        // Chosen from lists, never typed: a wrong one is a caller's mistake.
        let target_level = from_text(self.target_level.trim(), "target level")?;
        let track = from_text(self.track.trim(), "track")?;
        let current_level = from_text(self.current_level.trim(), "current level")?;
        let risk = from_text(self.risk.trim(), "risk tolerance")?;
        // What was refused above stands in with a value the profile's own
        // checks pass, so each input is refused once.
        let profile = Profile {
            interview_date: interview_date.unwrap_or(today),
            target_level,
            track,
            current_level,
            hours_per_week: hours_per_week.unwrap_or(MIN_HOURS),
            prep_days: prep_days.unwrap_or_else(|| vec![Weekday::Mon]),
            risk,
        };
        refused.extend(profile.problems(today).into_iter().map(AppError::from));
        AppError::all(refused)?;
        Ok(profile.normalized())
    }

    fn interview_date(&self) -> AppResult<NaiveDate> {
        let typed = self.interview_date.trim();
        typed.parse::<NaiveDate>().map_err(|_| {
            let message = if typed.is_empty() {
                "Pick the date of your interview.".to_owned()
            } else {
                format!("The interview date must be a date like 2026-12-31 (got '{typed}').")
            };
            AppError::field("interviewDate", message)
        })
    }

    /// The hours as a whole number; 0 passes here and is refused by the
    /// profile's own check, with its range.
    fn hours(&self) -> AppResult<u32> {
        let Some(hours) = self.hours_per_week else {
            return Err(AppError::field(
                "hoursPerWeek",
                "Enter the hours you can give each week.",
            ));
        };
        if hours.fract() != 0.0 {
            return Err(AppError::field(
                "hoursPerWeek",
                format!("Hours per week must be a whole number from {MIN_HOURS} to {MAX_HOURS} (got {hours})."),
            ));
        }
        if !(0.0..=f64::from(MAX_HOURS)).contains(&hours) {
            return Err(ProfileError::HoursOutOfRange(hours as i64).into());
        }
        Ok(hours as u32)
    }

    fn prep_days(&self) -> AppResult<Vec<Weekday>> {
        self.prep_days
            .iter()
            .map(|d| {
                d.trim()
                    .parse::<Weekday>()
                    .map_err(|_| AppError::field("prepDays", format!("Unknown weekday: '{d}'.")))
            })
            .collect()
    }
}

/// The value, or `None` with its refusal added to `refused`.
fn kept<T>(checked: AppResult<T>, refused: &mut Vec<AppError>) -> Option<T> {
    checked.map_err(|e| refused.push(e)).ok()
}

/// The profile as the Today screen shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub profile: Profile,
    pub today: NaiveDate,
    pub days_left: i64,
    /// The timer round of the level's system design (`TargetLevel::design_round`).
    pub design_round: &'static str,
}

impl ProfileView {
    pub fn new(profile: Profile, today: NaiveDate) -> Self {
        let days_left = profile.days_left(today);
        ProfileView {
            design_round: profile.target_level.design_round(),
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

/// Each value of a closed set with its label, as the form's `<select>`
/// offers it (the value serialises as the name the backend parses back).
fn choices<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<(T, &'static str)> {
    all.iter().map(|&v| (v, label(v))).collect()
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// What a new profile starts from: the seed's preparation days and the
/// middle of every other set.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDefaults {
    pub target_level: TargetLevel,
    pub track: Track,
    pub current_level: CurrentLevel,
    pub hours_per_week: u32,
    pub prep_days: Vec<Weekday>,
    pub risk: Risk,
}

/// Everything the profile form offers, from the types that parse it: the
/// window keeps no copy of these sets, limits or defaults.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileOptions {
    pub target_levels: Vec<(TargetLevel, &'static str)>,
    pub tracks: Vec<(Track, &'static str)>,
    pub current_levels: Vec<(CurrentLevel, &'static str)>,
    pub risks: Vec<(Risk, &'static str)>,
    pub weekdays: Vec<(Weekday, &'static str)>,
    pub min_hours: u32,
    pub max_hours: u32,
    pub defaults: ProfileDefaults,
}

pub fn options() -> ProfileOptions {
    ProfileOptions {
        target_levels: choices(&TargetLevel::ALL, TargetLevel::label),
        tracks: choices(&Track::ALL, Track::label),
        current_levels: choices(&CurrentLevel::ALL, CurrentLevel::label),
        risks: choices(&Risk::ALL, Risk::label),
        weekdays: choices(&WEEK, weekday_name),
        min_hours: MIN_HOURS,
        max_hours: MAX_HOURS,
        defaults: ProfileDefaults {
            target_level: TargetLevel::L6,
            track: Track::Ic,
            current_level: CurrentLevel::SeniorEngineer,
            hours_per_week: DEFAULT_HOURS,
            prep_days: minimums::seed().daily.weekdays.clone(),
            risk: Risk::Medium,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name a value is sent back as.
    fn name<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Every combination the form offers parses as a profile, and the
    /// defaults are among the offered values.
    #[test]
    fn every_offered_value_parses_as_a_profile() {
        let o = options();
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for (level, _) in &o.target_levels {
            for (track, _) in &o.tracks {
                for (current, _) in &o.current_levels {
                    for (risk, _) in &o.risks {
                        let input = ProfileInput {
                            interview_date: "2026-03-01".into(),
                            target_level: name(level),
                            track: name(track),
                            current_level: name(current),
                            hours_per_week: Some(f64::from(o.defaults.hours_per_week)),
                            prep_days: o.weekdays.iter().map(|(d, _)| name(d)).collect(),
                            risk: name(risk),
                        };
                        let p = input.parse(today).unwrap();
                        assert_eq!(
                            (p.target_level, p.track, p.current_level, p.risk),
                            (*level, *track, *current, *risk)
                        );
                        assert_eq!(p.prep_days.len(), 7);
                    }
                }
            }
        }
        let d = &o.defaults;
        assert!(o.target_levels.iter().any(|(v, _)| *v == d.target_level));
        assert!(o.tracks.iter().any(|(v, _)| *v == d.track));
        assert!(o.current_levels.iter().any(|(v, _)| *v == d.current_level));
        assert!(o.risks.iter().any(|(v, _)| *v == d.risk));
        assert!((o.min_hours..=o.max_hours).contains(&d.hours_per_week));
        assert_eq!(d.prep_days, minimums::seed().daily.weekdays);
    }
}
