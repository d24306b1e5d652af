//! What each calendar day of practice adds up to. Every aggregation (the
//! minimums, the streak, readiness, the weekly-hours chart, the evidence
//! counts) reads these day totals rather than the entries themselves, so
//! years of history cost one small record per day. The store keeps the
//! same totals in a table maintained by triggers; [`ledger_of`]
//! computes them from entries, which the tests use and which the store's
//! tests compare the table against.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::log::{Activity, Entry, EntryKind};

/// Minutes of one day by minimum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayMinutes {
    pub star: u32,
    pub technical: u32,
    pub lp: u32,
}

/// Score at or above which a mock counts as passed.
pub const MOCK_PASS: f32 = 4.0;

/// One day's totals: counts and minutes by kind, and the mock scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayTotals {
    pub coding: u32,
    pub coding_minutes: u32,
    pub designs: u32,
    pub design_minutes: u32,
    /// Designs that reached the completeness bar.
    pub designs_completed: u32,
    pub lp_sessions: u32,
    pub lp_minutes: u32,
    /// Typed-in STAR practice sessions and timed rehearsals.
    pub star_sessions: u32,
    pub star_minutes: u32,
    pub refinements: u32,
    /// Timer rounds and external mocks.
    pub mocks: u32,
    /// Of which external (typed in).
    pub external_mocks: u32,
    pub external_mock_minutes: u32,
    pub mock_minutes: u32,
    pub mocks_scored: u32,
    pub mock_score_sum: f64,
    pub mocks_passed: u32,
}

impl DayTotals {
    /// Adds one entry.
    pub fn add(&mut self, activity: &Activity) {
        let m = activity.minutes();
        match activity {
            Activity::Coding { .. } => {
                self.coding += 1;
                self.coding_minutes += m;
            }
            Activity::Design { .. } => {
                self.designs += 1;
                self.design_minutes += m;
                self.designs_completed += u32::from(activity.is_completed_design());
            }
            Activity::LpStudy { .. } => {
                self.lp_sessions += 1;
                self.lp_minutes += m;
            }
            Activity::StoryPractice { .. } => {
                self.star_sessions += 1;
                self.star_minutes += m;
            }
            Activity::StoryRefinement { .. } => {
                self.refinements += 1;
                self.star_minutes += m;
            }
            Activity::ExternalMock { .. } | Activity::MockSession { .. } => {
                if matches!(activity, Activity::ExternalMock { .. }) {
                    self.external_mocks += 1;
                    self.external_mock_minutes += m;
                }
                self.mocks += 1;
                self.mock_minutes += m;
                if let Some(score) = activity.mock_score() {
                    self.mocks_scored += 1;
                    self.mock_score_sum += f64::from(score);
                    self.mocks_passed += u32::from(score >= MOCK_PASS);
                }
            }
        }
    }

    /// Adds another day's (or range's) totals.
    pub fn merge(&mut self, o: &DayTotals) {
        self.coding += o.coding;
        self.coding_minutes += o.coding_minutes;
        self.designs += o.designs;
        self.design_minutes += o.design_minutes;
        self.designs_completed += o.designs_completed;
        self.lp_sessions += o.lp_sessions;
        self.lp_minutes += o.lp_minutes;
        self.star_sessions += o.star_sessions;
        self.star_minutes += o.star_minutes;
        self.refinements += o.refinements;
        self.mocks += o.mocks;
        self.external_mocks += o.external_mocks;
        self.external_mock_minutes += o.external_mock_minutes;
        self.mock_minutes += o.mock_minutes;
        self.mocks_scored += o.mocks_scored;
        self.mock_score_sum += o.mock_score_sum;
        self.mocks_passed += o.mocks_passed;
    }

    /// Minutes toward the daily minimums: story practice and refinement
    /// time to STAR, coding and design to technical, LP study to LP. Mocks
    /// count toward the weekly mock, not toward the daily time.
    pub fn minutes(&self) -> DayMinutes {
        DayMinutes {
            star: self.star_minutes,
            technical: self.coding_minutes + self.design_minutes,
            lp: self.lp_minutes,
        }
    }

    pub fn total_minutes(&self) -> u32 {
        self.coding_minutes
            + self.design_minutes
            + self.lp_minutes
            + self.star_minutes
            + self.mock_minutes
    }

    /// Entries of each kind.
    pub fn count(&self, kind: EntryKind) -> u32 {
        match kind {
            EntryKind::Coding => self.coding,
            EntryKind::Design => self.designs,
            EntryKind::LpStudy => self.lp_sessions,
            EntryKind::StoryPractice => self.star_sessions,
            EntryKind::StoryRefinement => self.refinements,
            EntryKind::ExternalMock => self.external_mocks,
            EntryKind::MockSession => self.mocks - self.external_mocks,
        }
    }

    /// Minutes of each kind (refinements record none, so story time is
    /// all reported as STAR practice).
    pub fn minutes_of(&self, kind: EntryKind) -> u32 {
        match kind {
            EntryKind::Coding => self.coding_minutes,
            EntryKind::Design => self.design_minutes,
            EntryKind::LpStudy => self.lp_minutes,
            EntryKind::StoryPractice => self.star_minutes,
            EntryKind::StoryRefinement => 0,
            EntryKind::ExternalMock => self.external_mock_minutes,
            EntryKind::MockSession => self.mock_minutes - self.external_mock_minutes,
        }
    }
}

/// Day totals by date.
pub type Ledger = BTreeMap<NaiveDate, DayTotals>;

/// The totals of `entries`, by date.
pub fn ledger_of(entries: &[Entry]) -> Ledger {
    let mut days = Ledger::new();
    for e in entries {
        days.entry(e.date).or_default().add(&e.activity);
    }
    days
}

/// The totals of the days from `from` to `to`, inclusive.
pub fn sum_range(days: &Ledger, from: NaiveDate, to: NaiveDate) -> DayTotals {
    let mut total = DayTotals::default();
    if from <= to {
        for t in days.range(from..=to).map(|(_, t)| t) {
            total.merge(t);
        }
    }
    total
}

/// The totals of every day.
pub fn sum_all(days: &Ledger) -> DayTotals {
    let mut total = DayTotals::default();
    for t in days.values() {
        total.merge(t);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::{Difficulty, Pattern, RoundKind};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, day).unwrap()
    }

    #[test]
    fn entries_add_up_by_day_and_kind() {
        let entries = [
            Entry::new(
                d(3),
                Activity::Coding {
                    name: "a".into(),
                    pattern: Pattern::Hashing,
                    difficulty: Difficulty::Easy,
                    minutes: 20,
                    optimal: true,
                },
            ),
            Entry::new(
                d(3),
                Activity::Design {
                    name: "b".into(),
                    minutes: 50,
                    completeness_pct: 80,
                    tradeoffs: true,
                },
            ),
            Entry::new(
                d(3),
                Activity::ExternalMock {
                    round: RoundKind::Coding,
                    score: 4,
                    minutes: 45,
                },
            ),
            Entry::new(
                d(4),
                Activity::MockSession {
                    score: None,
                    minutes: 60,
                },
            ),
            Entry::new(d(4), Activity::StoryRefinement { minutes: 0 }),
        ];
        let days = ledger_of(&entries);
        let day3 = days[&d(3)];
        assert_eq!(
            (day3.coding, day3.designs_completed, day3.mocks_passed),
            (1, 1, 1)
        );
        assert_eq!(day3.minutes().technical, 70);
        assert_eq!(day3.total_minutes(), 115);
        let day4 = days[&d(4)];
        assert_eq!((day4.mocks, day4.mocks_scored, day4.refinements), (1, 0, 1));
        let all = sum_all(&days);
        assert_eq!(all.mocks, 2);
        assert_eq!(sum_range(&days, d(4), d(9)).mocks, 1);
        assert_eq!(sum_range(&days, d(9), d(4)), DayTotals::default());
    }
}
