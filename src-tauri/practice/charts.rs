//! Chart data for the dashboard's SVG: minutes per ISO week against the
//! plan's hour budget, and the mock score trend against the 4.0 target.
//! Pure series with their axis bounds; the UI only maps them to pixels, so
//! every mark traces back to log rows.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ledger::Ledger;
use super::log::{Activity, Entry, RoundKind};
use super::minimums::week_start;
use super::readiness::MOCK_TARGET;
use super::readiness::RECENT_MOCKS;

/// Most weeks one chart draws (a six-month plan is 26; five years of
/// history is still one screen).
pub const MAX_WEEKS: u32 = 260;
/// The minutes axis ends on a whole hour.
const MINUTES_STEP: u32 = 60;

/// The plan's weekly time budget ("15-20 hours/week"), in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    pub min_minutes: u32,
    pub max_minutes: u32,
}

impl Budget {
    /// From the plan's hours per week.
    pub fn from_hours(min_hours: u32, max_hours: u32) -> Self {
        Budget {
            min_minutes: min_hours.saturating_mul(60),
            max_minutes: max_hours.saturating_mul(60),
        }
    }
}

/// One ISO week's minutes, stacked by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeekMinutes {
    pub week_start: NaiveDate,
    pub coding: u32,
    pub design: u32,
    /// STAR practice and story refinement.
    pub stories: u32,
    pub lp: u32,
    pub mocks: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyMinutesChart {
    pub weeks: Vec<WeekMinutes>,
    pub budget: Option<Budget>,
    /// Top of the minutes axis: the largest week or budget, rounded up to a
    /// whole hour (at least one hour).
    pub y_max: u32,
}

/// Minutes per ISO week for `weeks` weeks from the week containing `first`
/// (capped at [`MAX_WEEKS`]); empty weeks are present with zeros so the
/// x axis has no gaps.
pub fn weekly_minutes(
    days: &Ledger,
    first: NaiveDate,
    weeks: u32,
    budget: Option<Budget>,
) -> WeeklyMinutesChart {
    let start = week_start(first);
    let weeks = weeks.min(MAX_WEEKS);
    let mut series: Vec<WeekMinutes> = (0..weeks)
        .map_while(|i| start.checked_add_days(Days::new(u64::from(i) * 7)))
        .map(|week_start| WeekMinutes {
            week_start,
            ..WeekMinutes::default()
        })
        .collect();
    for (date, t) in days.range(start..) {
        let index = (*date - start).num_days() / 7;
        let Some(week) = usize::try_from(index).ok().and_then(|i| series.get_mut(i)) else {
            break;
        };
        week.coding = week.coding.saturating_add(t.coding_minutes);
        week.design = week.design.saturating_add(t.design_minutes);
        week.stories = week.stories.saturating_add(t.star_minutes);
        week.lp = week.lp.saturating_add(t.lp_minutes);
        week.mocks = week.mocks.saturating_add(t.mock_minutes);
        week.total = week.total.saturating_add(t.total_minutes());
    }
    let top = series
        .iter()
        .map(|w| w.total)
        .chain(budget.map(|b| b.max_minutes.max(b.min_minutes)))
        .max()
        .unwrap_or(0);
    let y_max = top
        .div_ceil(MINUTES_STEP)
        .max(1)
        .saturating_mul(MINUTES_STEP);
    WeeklyMinutesChart {
        weeks: series,
        budget,
        y_max,
    }
}

/// Where a mock score came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MockSource {
    Timer,
    External,
}

/// One scored mock on the trend line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MockPoint {
    pub date: NaiveDate,
    pub score: f32,
    /// Mean of this score and the ones just before it, up to
    /// [`RECENT_MOCKS`]: the same average readiness uses.
    pub rolling_average: f32,
    pub source: MockSource,
    /// The kind of round, when the row says it (external mocks and timed
    /// rounds read from the store do).
    pub round: Option<RoundKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MockTrend {
    /// Oldest first.
    pub points: Vec<MockPoint>,
    /// The 4.0 target line.
    pub target: f32,
    pub y_min: f32,
    pub y_max: f32,
}

/// One scored mock, external or from the timer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoredMock {
    pub date: NaiveDate,
    pub score: f32,
    pub source: MockSource,
    pub round: Option<RoundKind>,
}

/// The scored mocks among `entries`, oldest first.
pub fn scored_mocks(entries: &[Entry]) -> Vec<ScoredMock> {
    let mut scored: Vec<ScoredMock> = entries
        .iter()
        .filter_map(|e| match &e.activity {
            Activity::ExternalMock { round, score, .. } => Some(ScoredMock {
                date: e.date,
                score: f32::from(*score),
                source: MockSource::External,
                round: Some(*round),
            }),
            Activity::MockSession {
                score: Some(score), ..
            } => Some(ScoredMock {
                date: e.date,
                score: *score,
                source: MockSource::Timer,
                round: None,
            }),
            _ => None,
        })
        .collect();
    scored.sort_by_key(|m| m.date);
    scored
}

/// The trend of `scored` (oldest first) from `from` (inclusive, or the
/// beginning) through `through`; earlier scores still feed the rolling
/// average of the first points shown.
pub fn mock_trend(scored: &[ScoredMock], from: Option<NaiveDate>, through: NaiveDate) -> MockTrend {
    let scored: Vec<(NaiveDate, f32, MockSource, Option<RoundKind>)> = scored
        .iter()
        .filter(|m| m.date <= through)
        .map(|m| (m.date, m.score, m.source, m.round))
        .collect();

    // The rolling average looks back across `from`, so the first visible
    // point shows the same average readiness would have shown that day.
    let mut points = Vec::with_capacity(scored.len());
    for (i, &(date, score, source, round)) in scored.iter().enumerate() {
        if from.is_some_and(|f| date < f) {
            continue;
        }
        let window = &scored[(i + 1).saturating_sub(RECENT_MOCKS)..=i];
        let rolling_average = window.iter().map(|(_, s, ..)| s).sum::<f32>() / window.len() as f32;
        points.push(MockPoint {
            date,
            score,
            rolling_average,
            source,
            round,
        });
    }
    MockTrend {
        points,
        target: MOCK_TARGET,
        y_min: 1.0,
        y_max: 5.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::ledger::ledger_of;

    // The tests describe history by its entries.
    fn weekly_minutes(
        entries: &[Entry],
        first: NaiveDate,
        weeks: u32,
        budget: Option<Budget>,
    ) -> WeeklyMinutesChart {
        super::weekly_minutes(&ledger_of(entries), first, weeks, budget)
    }
    fn mock_trend(entries: &[Entry], from: Option<NaiveDate>, through: NaiveDate) -> MockTrend {
        super::mock_trend(&scored_mocks(entries), from, through)
    }

    use crate::practice::log::tests::{coding, d, design, lp, mock, star};

    #[test]
    fn empty_log_gives_zeroed_weeks_and_a_one_hour_axis() {
        let chart = weekly_minutes(&[], d(2025, 3, 12), 3, None);
        assert_eq!(chart.weeks.len(), 3);
        assert_eq!(chart.weeks[0].week_start, d(2025, 3, 10));
        assert_eq!(chart.weeks[2].week_start, d(2025, 3, 24));
        assert!(chart.weeks.iter().all(|w| w.total == 0));
        assert_eq!(chart.y_max, 60);
    }

    #[test]
    fn minutes_stack_by_kind_within_their_iso_week() {
        let entries = vec![
            coding(d(2025, 3, 10), 30),
            design(d(2025, 3, 16), 60, 100), // Sunday: still week one
            star(d(2025, 3, 17), 20),        // Monday: week two
            lp(d(2025, 3, 18), 15),
            mock(d(2025, 3, 19), 4.0),   // 45 minutes
            coding(d(2025, 3, 9), 500),  // before the chart
            coding(d(2025, 3, 31), 500), // after it
        ];
        let chart = weekly_minutes(&entries, d(2025, 3, 10), 2, None);
        let w1 = chart.weeks[0];
        let w2 = chart.weeks[1];
        assert_eq!((w1.coding, w1.design, w1.total), (30, 60, 90));
        assert_eq!((w2.stories, w2.lp, w2.mocks, w2.total), (20, 15, 45, 80));
    }

    #[test]
    fn weeks_cross_the_year_boundary_as_iso_weeks() {
        let entries = vec![coding(d(2024, 12, 31), 30), coding(d(2025, 1, 3), 30)];
        let chart = weekly_minutes(&entries, d(2025, 1, 1), 1, None);
        assert_eq!(chart.weeks[0].week_start, d(2024, 12, 30));
        assert_eq!(chart.weeks[0].total, 60);
    }

    #[test]
    fn axis_covers_the_budget_and_rounds_up_to_an_hour() {
        let entries = vec![coding(d(2025, 3, 10), 61)];
        let no_budget = weekly_minutes(&entries, d(2025, 3, 10), 1, None);
        assert_eq!(no_budget.y_max, 120);
        let budget = Budget::from_hours(15, 20);
        let with_budget = weekly_minutes(&entries, d(2025, 3, 10), 1, Some(budget));
        assert_eq!(with_budget.y_max, 1200);
        assert_eq!(with_budget.budget, Some(budget));
    }

    #[test]
    fn week_count_is_capped() {
        assert_eq!(
            weekly_minutes(&[], d(2025, 3, 10), 10_000, None)
                .weeks
                .len(),
            260
        );
    }

    #[test]
    fn mock_trend_orders_scores_and_keeps_a_rolling_average_of_three() {
        let entries = vec![
            mock(d(2025, 3, 20), 5.0),
            mock(d(2025, 3, 1), 2.0),
            Entry::new(
                d(2025, 3, 10),
                Activity::ExternalMock {
                    round: RoundKind::BarRaiser,
                    score: 3,
                    minutes: 60,
                },
            ),
            mock(d(2025, 3, 15), 4.0),
            Entry::new(
                d(2025, 3, 16),
                Activity::MockSession {
                    score: None,
                    minutes: 45,
                },
            ),
        ];
        let trend = mock_trend(&entries, None, d(2025, 3, 31));
        let scores: Vec<f32> = trend.points.iter().map(|p| p.score).collect();
        assert_eq!(scores, vec![2.0, 3.0, 4.0, 5.0]);
        let averages: Vec<f32> = trend.points.iter().map(|p| p.rolling_average).collect();
        assert_eq!(averages, vec![2.0, 2.5, 3.0, 4.0]);
        assert_eq!(trend.points[1].source, MockSource::External);
        assert_eq!(trend.points[1].round, Some(RoundKind::BarRaiser));
        assert_eq!((trend.target, trend.y_min, trend.y_max), (4.0, 1.0, 5.0));
    }

    #[test]
    fn mock_trend_window_keeps_earlier_scores_in_the_average() {
        let entries = vec![
            mock(d(2025, 3, 1), 2.0),
            mock(d(2025, 3, 10), 4.0),
            mock(d(2025, 4, 1), 5.0),
        ];
        let trend = mock_trend(&entries, Some(d(2025, 3, 5)), d(2025, 3, 31));
        assert_eq!(trend.points.len(), 1);
        assert_eq!(trend.points[0].rolling_average, 3.0);
    }
}
