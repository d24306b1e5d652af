//! The candidate's profile: the facts every plan, schedule and readiness
//! figure is computed from. Validation lives here so the window and the
//! command line refuse exactly the same input.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The level the candidate interviews for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TargetLevel {
    L6,
    L7,
}

/// Manager or individual contributor: changes wording and some defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    Manager,
    Ic,
}

/// Where the candidate stands today. Ordered, so `>=` compares seniority
/// (the seed's selector compared these as strings, which sorts them wrongly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CurrentLevel {
    Engineer,
    SeniorEngineer,
    Principal,
    Manager,
    SeniorManager,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Risk {
    Low,
    Medium,
    High,
}

impl TargetLevel {
    pub const ALL: [TargetLevel; 2] = [TargetLevel::L6, TargetLevel::L7];

    pub fn label(self) -> &'static str {
        match self {
            TargetLevel::L6 => "L6",
            TargetLevel::L7 => "L7",
        }
    }

    /// The built-in timer round of a real loop's system design at this
    /// level (60 minutes at L6, 90 at L7): what the timer offers first and
    /// the longest design round a plan item links to.
    pub fn design_round(self) -> &'static str {
        match self {
            TargetLevel::L6 => "system-design-60",
            TargetLevel::L7 => "system-design-90",
        }
    }
}

impl Track {
    pub const ALL: [Track; 2] = [Track::Ic, Track::Manager];

    pub fn label(self) -> &'static str {
        match self {
            Track::Ic => "Individual contributor",
            Track::Manager => "Engineering manager",
        }
    }
}

impl CurrentLevel {
    pub const ALL: [CurrentLevel; 5] = [
        CurrentLevel::Engineer,
        CurrentLevel::SeniorEngineer,
        CurrentLevel::Principal,
        CurrentLevel::Manager,
        CurrentLevel::SeniorManager,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CurrentLevel::Engineer => "Software engineer",
            CurrentLevel::SeniorEngineer => "Senior engineer",
            CurrentLevel::Principal => "Principal / staff engineer",
            CurrentLevel::Manager => "Engineering manager",
            CurrentLevel::SeniorManager => "Senior manager or above",
        }
    }
}

impl Risk {
    pub const ALL: [Risk; 3] = [Risk::Low, Risk::Medium, Risk::High];

    pub fn label(self) -> &'static str {
        match self {
            Risk::Low => "Low: I would rather move the date than go in under-prepared",
            Risk::Medium => "Medium",
            Risk::High => "High: I will interview on this date whatever happens",
        }
    }
}

/// Everything the app needs to know about the candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub interview_date: NaiveDate,
    pub target_level: TargetLevel,
    pub track: Track,
    pub current_level: CurrentLevel,
    /// Hours per week the candidate can give, 1-80.
    pub hours_per_week: u32,
    /// Weekdays the candidate prepares on, Monday first, no duplicates.
    pub prep_days: Vec<Weekday>,
    pub risk: Risk,
}

/// Why a profile was refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("The interview date {0} is in the past; pick today or a later date.")]
    InterviewInPast(NaiveDate),
    #[error("Hours per week must be between {min} and {max} (got {0}).", min = MIN_HOURS, max = MAX_HOURS)]
    HoursOutOfRange(i64),
    #[error("Choose at least one preparation day.")]
    NoPrepDays,
}

impl ProfileError {
    /// The profile form's name for the input the refusal is about.
    pub fn field(&self) -> &'static str {
        match self {
            ProfileError::InterviewInPast(_) => "interviewDate",
            ProfileError::HoursOutOfRange(_) => "hoursPerWeek",
            ProfileError::NoPrepDays => "prepDays",
        }
    }
}

pub const MIN_HOURS: u32 = 1;
pub const MAX_HOURS: u32 = 80;
/// What a new profile's form offers before the candidate says otherwise.
pub const DEFAULT_HOURS: u32 = 15;

impl Profile {
    /// Checks the profile against `today` and returns it with its weekdays
    /// sorted and de-duplicated.
    pub fn validated(self, today: NaiveDate) -> Result<Profile, ProfileError> {
        match self.problems(today).into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(self.normalized()),
        }
    }

    /// Everything wrong with the profile on `today`, in the form's order.
    pub fn problems(&self, today: NaiveDate) -> Vec<ProfileError> {
        let mut problems = Vec::new();
        if self.interview_date < today {
            problems.push(ProfileError::InterviewInPast(self.interview_date));
        }
        if !(MIN_HOURS..=MAX_HOURS).contains(&self.hours_per_week) {
            problems.push(ProfileError::HoursOutOfRange(i64::from(
                self.hours_per_week,
            )));
        }
        if self.prep_days.is_empty() {
            problems.push(ProfileError::NoPrepDays);
        }
        problems
    }

    /// The profile with its weekdays sorted, Monday first, and de-duplicated.
    pub fn normalized(mut self) -> Profile {
        self.prep_days.sort_by_key(|d| d.num_days_from_monday());
        self.prep_days.dedup();
        self
    }

    /// Calendar days from `today` to the interview (0 on the day itself).
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.interview_date - today).num_days()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(interview: NaiveDate) -> Profile {
        Profile {
            interview_date: interview,
            target_level: TargetLevel::L6,
            track: Track::Ic,
            current_level: CurrentLevel::SeniorEngineer,
            hours_per_week: 20,
            prep_days: vec![Weekday::Wed, Weekday::Mon, Weekday::Mon],
            risk: Risk::Medium,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn interview_in_the_past_is_refused() {
        let err = sample(d(2026, 1, 1)).validated(d(2026, 1, 2)).unwrap_err();
        assert_eq!(err, ProfileError::InterviewInPast(d(2026, 1, 1)));
    }

    #[test]
    fn hours_outside_one_to_eighty_are_refused() {
        for h in [0, 81] {
            let mut p = sample(d(2026, 3, 1));
            p.hours_per_week = h;
            assert_eq!(
                p.validated(d(2026, 1, 1)),
                Err(ProfileError::HoursOutOfRange(i64::from(h)))
            );
        }
    }

    #[test]
    fn prep_days_are_sorted_and_deduplicated() {
        let p = sample(d(2026, 3, 1)).validated(d(2026, 1, 1)).unwrap();
        assert_eq!(p.prep_days, vec![Weekday::Mon, Weekday::Wed]);
    }

    #[test]
    fn seniority_is_ordered_not_alphabetical() {
        assert!(CurrentLevel::Manager > CurrentLevel::SeniorEngineer);
        assert!(CurrentLevel::SeniorManager > CurrentLevel::Principal);
        assert!(CurrentLevel::Engineer < CurrentLevel::SeniorEngineer);
    }

    #[test]
    fn days_left_counts_calendar_days() {
        let p = sample(d(2026, 12, 25));
        assert_eq!(p.days_left(d(2026, 11, 25)), 30);
    }
}
