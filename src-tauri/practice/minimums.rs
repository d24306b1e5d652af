//! The seed's practice minimums, kept on every plan: daily (Monday to
//! Friday) 30 minutes of STAR practice, 45 of technical practice and 15 of
//! Leadership Principles; weekly one mock, two system designs, ten coding
//! problems and three story refinements. Weeks are ISO weeks (Monday to
//! Sunday); weekend work counts toward the week but no daily minimum applies
//! on Saturday or Sunday.

use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::ledger::{sum_range, DayMinutes, DayTotals, Ledger};

/// ✅ from this share of the target.
pub const OK_PCT: u32 = 100;
/// ⚠️ from this share; ❌ below it.
pub const WARN_PCT: u32 = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyMinimums {
    pub weekdays: Vec<Weekday>,
    pub star_minutes: u32,
    pub technical_minutes: u32,
    pub lp_minutes: u32,
}

impl DailyMinimums {
    pub fn total_minutes(&self) -> u32 {
        self.star_minutes + self.technical_minutes + self.lp_minutes
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyMinimums {
    pub mocks: u32,
    pub system_designs: u32,
    pub coding_problems: u32,
    pub story_refinements: u32,
    pub mock_minutes: u32,
    pub design_minutes: u32,
    pub coding_problem_minutes: u32,
    pub refinement_minutes: u32,
}

/// The seed's minimums as `minimums.toml` states them, with the durations
/// the schedule gives the weekly items: the one home of these figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PracticeMinimums {
    pub daily: DailyMinimums,
    pub weekly: WeeklyMinimums,
}

impl PracticeMinimums {
    /// Minutes a week of `days` preparation days needs for the daily
    /// minimums and the week's mock and system designs, each sitting on a
    /// day of its own: a design is that day's technical practice, so a
    /// design day needs the design and STAR and LP. The schedule holds all
    /// of it whole from this many minutes a week.
    pub fn week_need(&self, days: u32) -> u32 {
        let d = &self.daily;
        let w = &self.weekly;
        d.total_minutes() * days
            + w.mocks * w.mock_minutes
            + w.system_designs * w.design_minutes.saturating_sub(d.technical_minutes)
    }
}

const MINIMUMS_FILE: &str = include_str!("minimums.toml");

/// Parses the embedded `minimums.toml`; [`seed`] is the cached form.
pub fn load_minimums() -> Result<PracticeMinimums, toml::de::Error> {
    toml::from_str(MINIMUMS_FILE)
}

/// The seed's minimums, parsed on first use.
pub fn seed() -> &'static PracticeMinimums {
    static SEED: OnceLock<PracticeMinimums> = OnceLock::new();
    SEED.get_or_init(|| {
        load_minimums().unwrap_or_else(|e| {
            panic!("embedded minimums.toml is invalid (the catalog tests check it on every build): {e}")
        })
    })
}

/// The targets. [`Default`] is the seed's; the user may change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Minimums {
    pub star_minutes: u32,
    /// Coding and system-design minutes together.
    pub technical_minutes: u32,
    pub lp_minutes: u32,
    pub weekly_mocks: u32,
    /// Designs at or above the completeness that counts as completed.
    pub weekly_designs: u32,
    pub weekly_coding_problems: u32,
    pub weekly_story_refinements: u32,
    /// The days the daily minimums apply on: the candidate's preparation
    /// days (Monday to Friday until a profile says otherwise).
    #[serde(skip)]
    pub prep_days: PrepDays,
}

/// A set of weekdays: the candidate's preparation days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrepDays(u8);

impl PrepDays {
    pub fn of(days: &[Weekday]) -> Self {
        PrepDays(
            days.iter()
                .fold(0, |mask, d| mask | 1 << d.num_days_from_monday()),
        )
    }

    /// Whether the daily minimums apply on `date`.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.0 & (1 << date.weekday().num_days_from_monday()) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl Default for PrepDays {
    /// The seed's days (Monday to Friday).
    fn default() -> Self {
        PrepDays::of(&seed().daily.weekdays)
    }
}

impl Minimums {
    /// The seed's minimums on the candidate's own preparation days.
    pub fn on_days(days: &[Weekday]) -> Self {
        Minimums {
            prep_days: PrepDays::of(days),
            ..Minimums::default()
        }
    }
}

impl Default for Minimums {
    /// The seed's, from `minimums.toml`.
    fn default() -> Self {
        let PracticeMinimums { daily, weekly } = seed();
        Minimums {
            star_minutes: daily.star_minutes,
            technical_minutes: daily.technical_minutes,
            lp_minutes: daily.lp_minutes,
            weekly_mocks: weekly.mocks,
            weekly_designs: weekly.system_designs,
            weekly_coding_problems: weekly.coding_problems,
            weekly_story_refinements: weekly.story_refinements,
            prep_days: PrepDays::of(&daily.weekdays),
        }
    }
}

/// Which minimum a line of the status is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MinimumKind {
    StarMinutes,
    TechnicalMinutes,
    LpMinutes,
    Mocks,
    SystemDesigns,
    CodingProblems,
    StoryRefinements,
}

impl MinimumKind {
    pub fn label(self) -> &'static str {
        match self {
            MinimumKind::StarMinutes => "STAR story practice (min)",
            MinimumKind::TechnicalMinutes => "Technical practice (min)",
            MinimumKind::LpMinutes => "Leadership Principles (min)",
            MinimumKind::Mocks => "Mock interviews",
            MinimumKind::SystemDesigns => "System designs",
            MinimumKind::CodingProblems => "Coding problems",
            MinimumKind::StoryRefinements => "Story refinements",
        }
    }
}

/// How a minimum stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// ✅ target reached.
    Ok,
    /// ⚠️ at least 80 % of it.
    Warn,
    /// ❌ under 80 %.
    Below,
    /// Saturday or Sunday: no daily minimum applies.
    Rest,
}

impl Status {
    /// The mark the seed uses, for the CLI and plain-text views.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Ok => "✅",
            Status::Warn => "⚠️",
            Status::Below => "❌",
            Status::Rest => "—",
        }
    }

    /// Grades a percentage of the target.
    pub fn from_pct(pct: u32) -> Status {
        if pct >= OK_PCT {
            Status::Ok
        } else if pct >= WARN_PCT {
            Status::Warn
        } else {
            Status::Below
        }
    }
}

/// One minimum against what was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MinimumStatus {
    pub kind: MinimumKind,
    pub target: u32,
    pub actual: u32,
    /// `actual / target` in whole percent, rounded down, not capped (a
    /// target of 0 reads as 100). Rounded down so 99.5 % is never shown as a
    /// met 100 %.
    pub pct: u32,
    pub status: Status,
}

impl MinimumStatus {
    fn new(kind: MinimumKind, target: u32, actual: u32) -> Self {
        let pct = percent(actual, target);
        MinimumStatus {
            kind,
            target,
            actual,
            pct,
            status: Status::from_pct(pct),
        }
    }

    fn resting(self) -> Self {
        MinimumStatus {
            status: Status::Rest,
            ..self
        }
    }
}

/// One day's daily minimums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyStatus {
    pub date: NaiveDate,
    /// `false` on Saturday and Sunday.
    pub applies: bool,
    /// Every daily minimum reached (always `false` on a rest day).
    pub met: bool,
    /// The worst line's status, or `Rest`.
    pub status: Status,
    /// STAR, technical, LP, in that order; actuals are filled in on rest
    /// days too, so weekend work still shows.
    pub items: Vec<MinimumStatus>,
}

/// One ISO week's weekly minimums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyStatus {
    /// The Monday.
    pub week_start: NaiveDate,
    /// The Sunday.
    pub week_end: NaiveDate,
    pub met: bool,
    pub status: Status,
    /// Mocks, system designs, coding problems, story refinements.
    pub items: Vec<MinimumStatus>,
}

impl DayMinutes {
    pub fn meets(&self, m: &Minimums) -> bool {
        self.star >= m.star_minutes
            && self.technical >= m.technical_minutes
            && self.lp >= m.lp_minutes
    }
}

/// The Monday of `date`'s ISO week.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    let back = u64::from(date.weekday().num_days_from_monday());
    date.checked_sub_days(Days::new(back)).unwrap_or(date)
}

impl Minimums {
    /// The daily minimums on `date`.
    pub fn daily_status(&self, days: &Ledger, date: NaiveDate) -> DailyStatus {
        let day = days.get(&date).map(DayTotals::minutes).unwrap_or_default();
        let items = vec![
            MinimumStatus::new(MinimumKind::StarMinutes, self.star_minutes, day.star),
            MinimumStatus::new(
                MinimumKind::TechnicalMinutes,
                self.technical_minutes,
                day.technical,
            ),
            MinimumStatus::new(MinimumKind::LpMinutes, self.lp_minutes, day.lp),
        ];
        if !self.prep_days.contains(date) {
            return DailyStatus {
                date,
                applies: false,
                met: false,
                status: Status::Rest,
                items: items.into_iter().map(MinimumStatus::resting).collect(),
            };
        }
        let status = worst(&items);
        DailyStatus {
            date,
            applies: true,
            met: status == Status::Ok,
            status,
            items,
        }
    }

    /// The weekly minimums of the ISO week containing `week_of` (any day of
    /// it; normally the Monday).
    pub fn weekly_status(&self, days: &Ledger, week_of: NaiveDate) -> WeeklyStatus {
        let start = week_start(week_of);
        let end = start.checked_add_days(Days::new(6)).unwrap_or(start);
        let week = sum_range(days, start, end);
        let (mocks, designs, coding, refinements) = (
            week.mocks,
            week.designs_completed,
            week.coding,
            week.refinements,
        );
        let items = vec![
            MinimumStatus::new(MinimumKind::Mocks, self.weekly_mocks, mocks),
            MinimumStatus::new(MinimumKind::SystemDesigns, self.weekly_designs, designs),
            MinimumStatus::new(
                MinimumKind::CodingProblems,
                self.weekly_coding_problems,
                coding,
            ),
            MinimumStatus::new(
                MinimumKind::StoryRefinements,
                self.weekly_story_refinements,
                refinements,
            ),
        ];
        let status = worst(&items);
        WeeklyStatus {
            week_start: start,
            week_end: end,
            met: status == Status::Ok,
            status,
            items,
        }
    }
}

/// The seed's daily minimums on `date`.
#[cfg(test)]
fn daily_status(days: &Ledger, date: NaiveDate) -> DailyStatus {
    Minimums::default().daily_status(days, date)
}

/// The seed's weekly minimums for the ISO week containing `week_start`.
#[cfg(test)]
fn weekly_status(days: &Ledger, week_start: NaiveDate) -> WeeklyStatus {
    Minimums::default().weekly_status(days, week_start)
}

fn percent(actual: u32, target: u32) -> u32 {
    if target == 0 {
        return 100;
    }
    let pct = u64::from(actual) * 100 / u64::from(target);
    u32::try_from(pct).unwrap_or(u32::MAX)
}

fn worst(items: &[MinimumStatus]) -> Status {
    let rank = |s: Status| match s {
        Status::Below => 0,
        Status::Warn => 1,
        Status::Ok | Status::Rest => 2,
    };
    items
        .iter()
        .map(|i| i.status)
        .min_by_key(|s| rank(*s))
        .unwrap_or(Status::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::ledger::ledger_of;
    use crate::practice::log::Entry;

    // The tests describe days by their entries.
    fn daily_status(entries: &[Entry], date: NaiveDate) -> DailyStatus {
        super::daily_status(&ledger_of(entries), date)
    }
    fn weekly_status(entries: &[Entry], week_start: NaiveDate) -> WeeklyStatus {
        super::weekly_status(&ledger_of(entries), week_start)
    }

    use crate::practice::log::tests::{coding, d, design, full_day, lp, mock, refinement, star};

    // 2025-03-10 is a Monday.
    fn monday() -> NaiveDate {
        d(2025, 3, 10)
    }

    fn item(status: &[MinimumStatus], kind: MinimumKind) -> MinimumStatus {
        *status
            .iter()
            .find(|i| i.kind == kind)
            .expect("item present")
    }

    #[test]
    fn empty_weekday_is_below_on_every_daily_minimum() {
        let s = daily_status(&[], monday());
        assert!(s.applies);
        assert!(!s.met);
        assert_eq!(s.status, Status::Below);
        assert!(s.items.iter().all(|i| i.actual == 0 && i.pct == 0));
    }

    #[test]
    fn full_day_meets_every_daily_minimum() {
        let s = daily_status(&full_day(monday()), monday());
        assert!(s.met);
        assert_eq!(s.status, Status::Ok);
    }

    #[test]
    fn coding_and_design_minutes_add_up_to_the_technical_minimum() {
        let date = monday();
        let entries = [coding(date, 20), design(date, 25, 10)];
        let s = daily_status(&entries, date);
        let tech = item(&s.items, MinimumKind::TechnicalMinutes);
        assert_eq!((tech.target, tech.actual, tech.pct), (45, 45, 100));
        assert_eq!(tech.status, Status::Ok);
    }

    #[test]
    fn eighty_percent_warns_and_just_below_fails() {
        let date = monday();
        // 24/30 = 80 % warns; 23/30 = 76 % is below.
        let warn = daily_status(&[star(date, 24)], date);
        assert_eq!(
            item(&warn.items, MinimumKind::StarMinutes).status,
            Status::Warn
        );
        let below = daily_status(&[star(date, 23)], date);
        assert_eq!(
            item(&below.items, MinimumKind::StarMinutes).status,
            Status::Below
        );
    }

    #[test]
    fn percentage_rounds_down_so_almost_is_not_ok() {
        let date = monday();
        let s = daily_status(&[coding(date, 44)], date);
        let tech = item(&s.items, MinimumKind::TechnicalMinutes);
        assert_eq!(tech.pct, 97);
        assert_eq!(tech.status, Status::Warn);
    }

    #[test]
    fn overall_daily_status_is_the_worst_line() {
        let date = monday();
        let entries = [star(date, 30), coding(date, 45), lp(date, 12)];
        let s = daily_status(&entries, date);
        assert_eq!(s.status, Status::Warn);
        assert!(!s.met);
    }

    #[test]
    fn weekend_days_rest_but_still_show_their_minutes() {
        let saturday = d(2025, 3, 15);
        let s = daily_status(&full_day(saturday), saturday);
        assert!(!s.applies);
        assert_eq!(s.status, Status::Rest);
        assert!(s.items.iter().all(|i| i.status == Status::Rest));
        assert_eq!(item(&s.items, MinimumKind::StarMinutes).actual, 30);
    }

    #[test]
    fn other_days_entries_do_not_count_today() {
        let s = daily_status(&full_day(d(2025, 3, 11)), monday());
        assert!(!s.met);
    }

    #[test]
    fn mocks_do_not_count_toward_daily_minutes() {
        let s = daily_status(&[mock(monday(), 4.0)], monday());
        assert!(s.items.iter().all(|i| i.actual == 0));
    }

    #[test]
    fn week_starts_on_monday_across_a_year_boundary() {
        // Wednesday 1 January 2025 belongs to the ISO week of Monday 30 December 2024.
        assert_eq!(week_start(d(2025, 1, 1)), d(2024, 12, 30));
        assert_eq!(week_start(d(2025, 1, 5)), d(2024, 12, 30));
        assert_eq!(week_start(d(2025, 1, 6)), d(2025, 1, 6));
    }

    #[test]
    fn weekly_minimums_count_monday_through_sunday_only() {
        let mut entries = vec![
            mock(d(2025, 3, 9), 4.0),  // previous Sunday: not this week
            mock(d(2025, 3, 16), 4.0), // this Sunday: this week
            design(monday(), 60, 100),
            design(d(2025, 3, 12), 60, 80),
            design(d(2025, 3, 13), 60, 79), // not complete enough
            refinement(d(2025, 3, 11)),
            refinement(d(2025, 3, 11)),
            refinement(d(2025, 3, 15)),
            coding(d(2025, 3, 17), 30), // next Monday
        ];
        entries.extend((0..10).map(|_| coding(d(2025, 3, 14), 10)));
        let w = weekly_status(&entries, monday());
        assert_eq!(w.week_start, monday());
        assert_eq!(w.week_end, d(2025, 3, 16));
        let actuals: Vec<u32> = w.items.iter().map(|i| i.actual).collect();
        assert_eq!(actuals, vec![1, 2, 10, 3]);
        assert!(w.met);
        assert_eq!(w.status, Status::Ok);
    }

    #[test]
    fn weekly_status_accepts_any_day_of_the_week() {
        let entries = [mock(d(2025, 3, 12), 4.0)];
        let from_monday = weekly_status(&entries, monday());
        let from_friday = weekly_status(&entries, d(2025, 3, 14));
        assert_eq!(from_monday, from_friday);
    }

    #[test]
    fn empty_week_is_below_everywhere() {
        let w = weekly_status(&[], monday());
        assert!(!w.met);
        assert!(w.items.iter().all(|i| i.status == Status::Below));
    }

    #[test]
    fn eight_coding_problems_of_ten_warns() {
        let entries: Vec<Entry> = (0..8).map(|_| coding(monday(), 10)).collect();
        let w = weekly_status(&entries, monday());
        let c = item(&w.items, MinimumKind::CodingProblems);
        assert_eq!((c.pct, c.status), (80, Status::Warn));
    }

    #[test]
    fn custom_minimums_change_the_targets() {
        let m = Minimums {
            star_minutes: 10,
            ..Minimums::default()
        };
        let s = m.daily_status(&ledger_of(&[star(monday(), 10)]), monday());
        assert_eq!(item(&s.items, MinimumKind::StarMinutes).status, Status::Ok);
    }

    #[test]
    fn status_serialises_kebab_case() {
        let json = serde_json::to_value(daily_status(&[], d(2025, 3, 15))).expect("serialise");
        assert_eq!(json["status"], "rest");
        assert_eq!(json["items"][0]["kind"], "star-minutes");
    }
}
