//! Readiness: one number from 0 to 100 that explains itself. It is the sum
//! of five parts, each a value from 0 to 1 times a fixed weight:
//!
//! | part | weight | value |
//! |---|---|---|
//! | consistency | 25 | share of the prep days (weekdays) of the last two weeks meeting every daily minimum |
//! | volume | 25 | mean of done / target, each capped at 1, over coding problems, completed designs and stories |
//! | mocks | 25 | average of the last 3 mock scores, from 1 (= 0) to the 4.0 target (= 1), times how many of 3 there are |
//! | LP coverage | 15 | principles with enough stories, of 16 |
//! | self-assessment | 10 | latest total of 100 against the 85 "ready" band, capped at 1 |
//!
//! Why these weights: the seed's success factors put consistent practice
//! and mocks with feedback first, so habit, volume and mock results carry
//! three quarters between them; LP coverage is what behavioral rounds
//! probe; the self-assessment is the user's own view, useful but the least
//! objective, so it weighs least. Every part can reach 1, so 100 is
//! reachable. A missing input (no plan target, no mock, no assessment)
//! scores 0 and is marked `missing` with the reason, never estimated.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ledger::Ledger;
use super::minimums::Minimums;

/// How many of the latest scored mocks the mock part of readiness (and the
/// dashboard's trend) averages: the seed's "3+ mock interviews with 4+
/// average score", and recent form rather than a first nervous attempt.
pub const RECENT_MOCKS: usize = 3;

pub const WEIGHT_CONSISTENCY: f32 = 25.0;
pub const WEIGHT_VOLUME: f32 = 25.0;
pub const WEIGHT_MOCKS: f32 = 25.0;
pub const WEIGHT_LP_COVERAGE: f32 = 15.0;
pub const WEIGHT_SELF_ASSESSMENT: f32 = 10.0;

/// Calendar days the consistency part looks back over: two weeks, the
/// issue's "minimums kept over the last two weeks"; the preparation days
/// among them count.
pub const CONSISTENCY_WINDOW: u32 = 14;
/// The average the reference asks for ("mocks averaging 4+").
pub const MOCK_TARGET: f32 = 4.0;
/// The bottom of the mock scale (strong no hire), worth nothing.
pub const MOCK_FLOOR: f32 = 1.0;
pub const PRINCIPLES: u32 = 16;
/// The reference's "ready" band starts at 85 of 100.
pub const SELF_ASSESSMENT_READY: u32 = 85;

/// Daily minimums kept over the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Consistency {
    pub days_met: u32,
    /// Prep days in the window (fewer than 10 in the plan's first two weeks).
    pub days_counted: u32,
}

/// Done against the plan's target for one kind of volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub done: u32,
    pub target: u32,
}

/// The plan's volume targets and what was done; `None` where the plan sets
/// no target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    pub coding_problems: Option<Progress>,
    pub designs: Option<Progress>,
    pub stories: Option<Progress>,
}

/// Everything the score is computed from, so `stats --json` can show the
/// inputs beside the result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadinessInput {
    pub consistency: Consistency,
    pub volume: Volume,
    /// Scored mocks, oldest first; only the last [`RECENT_MOCKS`] are used.
    pub mock_scores: Vec<f32>,
    /// Principles with at least the minimum number of stories; `None` when
    /// the story bank was not consulted.
    pub principles_covered: Option<u32>,
    /// The latest self-assessment total, 0-100.
    pub self_assessment: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartKind {
    Consistency,
    Volume,
    Mocks,
    LpCoverage,
    SelfAssessment,
}

impl PartKind {
    pub fn label(self) -> &'static str {
        match self {
            PartKind::Consistency => "Practice consistency",
            PartKind::Volume => "Volume against the plan",
            PartKind::Mocks => "Mock performance",
            PartKind::LpCoverage => "Leadership Principle coverage",
            PartKind::SelfAssessment => "Self-assessment",
        }
    }

    pub fn weight(self) -> f32 {
        match self {
            PartKind::Consistency => WEIGHT_CONSISTENCY,
            PartKind::Volume => WEIGHT_VOLUME,
            PartKind::Mocks => WEIGHT_MOCKS,
            PartKind::LpCoverage => WEIGHT_LP_COVERAGE,
            PartKind::SelfAssessment => WEIGHT_SELF_ASSESSMENT,
        }
    }
}

/// One line of the explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    pub kind: PartKind,
    pub name: String,
    pub weight: f32,
    /// 0 to 1.
    pub value: f32,
    /// `weight × value`, to one decimal.
    pub points: f32,
    /// The input was absent; `value` is 0 for that reason.
    pub missing: bool,
    /// Where the value comes from, in words and figures.
    pub explanation: String,
    /// What would raise it; `None` once the part is full.
    pub to_raise: Option<String>,
}

/// The score and its parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    /// 0-100: the parts' points summed and rounded.
    pub total: u32,
    pub parts: Vec<Part>,
}

/// Computes the score from its inputs.
pub fn readiness(input: &ReadinessInput) -> Readiness {
    let parts = vec![
        consistency_part(input.consistency),
        volume_part(&input.volume),
        mocks_part(&input.mock_scores),
        lp_part(input.principles_covered),
        self_assessment_part(input.self_assessment),
    ];
    let sum: f32 = parts.iter().map(|p| p.points).sum();
    // `as` saturates; the sum is within 0..=100 by construction.
    let total = (sum.round() as u32).min(100);
    Readiness { total, parts }
}

/// Prep days met over the last [`CONSISTENCY_WINDOW`] calendar days. The window
/// ends today when today is met, otherwise yesterday (an unfinished day is
/// not held against anyone, as in the streak). Days before `plan_start` are
/// not prep days.
pub fn consistency(
    minimums: &Minimums,
    days: &Ledger,
    today: NaiveDate,
    plan_start: Option<NaiveDate>,
) -> Consistency {
    let met = |date: NaiveDate| days.get(&date).is_some_and(|t| t.minutes().meets(minimums));
    let mut result = Consistency::default();
    let is_prep = |d: NaiveDate| minimums.prep_days.contains(d);
    let mut cursor = if is_prep(today) && met(today) {
        Some(today)
    } else {
        today.pred_opt()
    };
    let mut seen = 0;
    while let Some(day) = cursor {
        if seen == CONSISTENCY_WINDOW || plan_start.is_some_and(|start| day < start) {
            break;
        }
        seen += 1;
        if is_prep(day) {
            result.days_counted += 1;
            result.days_met += u32::from(met(day));
        }
        cursor = day.checked_sub_days(Days::new(1));
    }
    result
}

fn part(kind: PartKind, value: f32, explanation: String, to_raise: Option<String>) -> Part {
    let value = value.clamp(0.0, 1.0);
    Part {
        kind,
        name: kind.label().to_string(),
        weight: kind.weight(),
        value,
        points: round1(kind.weight() * value),
        missing: false,
        explanation,
        to_raise,
    }
}

fn missing(kind: PartKind, explanation: &str, to_raise: &str) -> Part {
    Part {
        missing: true,
        ..part(
            kind,
            0.0,
            explanation.to_string(),
            Some(to_raise.to_string()),
        )
    }
}

fn consistency_part(c: Consistency) -> Part {
    let kind = PartKind::Consistency;
    if c.days_counted == 0 {
        return missing(
            kind,
            "No preparation day has counted yet: a day counts once its minimums are met or once it is over.",
            &{
                let m = Minimums::default();
                format!(
                    "Meet the daily minimums ({} min STAR, {} min technical, {} min LP) on your next preparation day.",
                    m.star_minutes, m.technical_minutes, m.lp_minutes
                )
            },
        );
    }
    let value = c.days_met as f32 / c.days_counted as f32;
    let missed = c.days_counted - c.days_met;
    part(
        kind,
        value,
        format!(
            "Daily minimums met on {} of the last {} prep days.",
            c.days_met, c.days_counted
        ),
        (missed > 0).then(|| {
            format!("Meet the daily minimums on every preparation day; {} still in the two-week window.", count(missed, "missed day is", "missed days are"))
        }),
    )
}

fn volume_part(v: &Volume) -> Part {
    let kind = PartKind::Volume;
    let items: Vec<(&str, Progress)> = [
        ("coding problems", v.coding_problems),
        ("completed designs", v.designs),
        ("stories", v.stories),
    ]
    .into_iter()
    .filter_map(|(name, p)| p.filter(|p| p.target > 0).map(|p| (name, p)))
    .collect();
    if items.is_empty() {
        return missing(
            kind,
            "No plan targets: choose a plan to compare your volume against.",
            "Choose a study plan.",
        );
    }
    let ratio = |p: Progress| (p.done as f32 / p.target as f32).min(1.0);
    let value = items.iter().map(|(_, p)| ratio(*p)).sum::<f32>() / items.len() as f32;
    let explanation = items
        .iter()
        .map(|(name, p)| format!("{} of {} {name}", p.done, p.target))
        .collect::<Vec<_>>()
        .join(", ");
    let short: Vec<String> = items
        .iter()
        .filter(|(_, p)| p.done < p.target)
        .map(|(name, p)| format!("{} more {name}", p.target - p.done))
        .collect();
    part(
        kind,
        value,
        format!("{explanation} (each capped at its target, then averaged)."),
        (!short.is_empty()).then(|| format!("Log {}.", short.join(", "))),
    )
}

/// "1 mock", "3 mocks".
fn count<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    if n == N::from(1) {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn mocks_part(scores: &[f32]) -> Part {
    let kind = PartKind::Mocks;
    let recent = &scores[scores.len().saturating_sub(RECENT_MOCKS)..];
    if recent.is_empty() {
        return missing(
            kind,
            "No full-length mock scored yet.",
            "Take a whole mock round with the timer and score it; a round stopped early does not count.",
        );
    }
    let n = recent.len();
    let average = recent.iter().sum::<f32>() / n as f32;
    let quality = ((average - MOCK_FLOOR) / (MOCK_TARGET - MOCK_FLOOR)).clamp(0.0, 1.0);
    let count_share = n as f32 / RECENT_MOCKS as f32;
    let mut raise = Vec::new();
    if n < RECENT_MOCKS {
        raise.push(format!(
            "take {} more {} (the part counts {n} of {RECENT_MOCKS})",
            RECENT_MOCKS - n,
            if RECENT_MOCKS - n == 1 {
                "scored mock"
            } else {
                "scored mocks"
            }
        ));
    }
    if average < MOCK_TARGET {
        raise.push(format!(
            "lift the average from {average:.1} to {MOCK_TARGET:.1}"
        ));
    }
    part(
        kind,
        quality * count_share,
        format!(
            "Average {average:.2} over the last {}, against the {MOCK_TARGET:.1} target (1.0 scores nothing).",
            count(n, "mock", "mocks")
        ),
        (!raise.is_empty()).then(|| capitalise(&raise.join("; ")) + "."),
    )
}

fn lp_part(covered: Option<u32>) -> Part {
    let kind = PartKind::LpCoverage;
    let Some(covered) = covered else {
        return missing(
            kind,
            "Story bank coverage not available.",
            "Map your stories to Leadership Principles.",
        );
    };
    let covered = covered.min(PRINCIPLES);
    let left = PRINCIPLES - covered;
    part(
        kind,
        covered as f32 / PRINCIPLES as f32,
        format!("{covered} of {PRINCIPLES} principles have enough stories."),
        (left > 0).then(|| {
            format!(
                "Add stories for the {} still short.",
                count(left, "principle", "principles")
            )
        }),
    )
}

fn self_assessment_part(total: Option<u32>) -> Part {
    let kind = PartKind::SelfAssessment;
    let Some(total) = total else {
        return missing(
            kind,
            "No self-assessment taken.",
            "Take the self-assessment.",
        );
    };
    let total = total.min(100);
    part(
        kind,
        total as f32 / SELF_ASSESSMENT_READY as f32,
        format!("Latest self-assessment {total} of 100; {SELF_ASSESSMENT_READY} (the \"ready\" band) counts in full."),
        (total < SELF_ASSESSMENT_READY)
            .then(|| "Work on the weakest section, then retake the self-assessment.".to_string()),
    )
}

fn round1(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::ledger::ledger_of;
    use crate::practice::log::{mock_scores, Entry};

    // The tests describe history by its entries.
    fn consistency(
        minimums: &Minimums,
        entries: &[Entry],
        today: NaiveDate,
        plan_start: Option<NaiveDate>,
    ) -> Consistency {
        super::consistency(minimums, &ledger_of(entries), today, plan_start)
    }

    use crate::practice::log::tests::{d, full_day, mock, star};

    fn full_input() -> ReadinessInput {
        let p = |n| Some(Progress { done: n, target: n });
        ReadinessInput {
            consistency: Consistency {
                days_met: 10,
                days_counted: 10,
            },
            volume: Volume {
                coding_problems: p(100),
                designs: p(15),
                stories: p(16),
            },
            mock_scores: vec![4.0, 4.5, 4.0],
            principles_covered: Some(16),
            self_assessment: Some(90),
        }
    }

    fn part_of(r: &Readiness, kind: PartKind) -> Part {
        r.parts
            .iter()
            .find(|p| p.kind == kind)
            .cloned()
            .expect("part present")
    }

    #[test]
    fn weights_add_up_to_100() {
        let sum = WEIGHT_CONSISTENCY
            + WEIGHT_VOLUME
            + WEIGHT_MOCKS
            + WEIGHT_LP_COVERAGE
            + WEIGHT_SELF_ASSESSMENT;
        assert_eq!(sum, 100.0);
    }

    #[test]
    fn empty_input_scores_zero_with_every_part_marked_missing() {
        let r = readiness(&ReadinessInput::default());
        assert_eq!(r.total, 0);
        assert_eq!(r.parts.len(), 5);
        assert!(r
            .parts
            .iter()
            .all(|p| p.missing && p.points == 0.0 && p.to_raise.is_some()));
    }

    #[test]
    fn full_input_reaches_100_with_nothing_left_to_raise() {
        let r = readiness(&full_input());
        assert_eq!(r.total, 100);
        assert!(r
            .parts
            .iter()
            .all(|p| p.value == 1.0 && p.to_raise.is_none() && !p.missing));
    }

    #[test]
    fn constructed_history_reaches_100() {
        // Two full weeks of minimums (Mon 3 - Fri 14 March 2025) and three 4.0 mocks.
        let today = d(2025, 3, 14);
        let mut entries = Vec::new();
        let mut day = d(2025, 3, 3);
        while day <= today {
            entries.extend(full_day(day));
            day = day.succ_opt().expect("next day");
        }
        entries.extend([
            mock(d(2025, 3, 7), 4.0),
            mock(d(2025, 3, 12), 4.0),
            mock(today, 4.0),
        ]);
        let input = ReadinessInput {
            consistency: consistency(&Minimums::default(), &entries, today, None),
            mock_scores: mock_scores(&entries).into_iter().map(|(_, s)| s).collect(),
            ..full_input()
        };
        assert_eq!(
            input.consistency,
            Consistency {
                days_met: 10,
                days_counted: 10
            }
        );
        assert_eq!(readiness(&input).total, 100);
    }

    #[test]
    fn consistency_moves_the_score_by_its_share_of_25_points() {
        let mut input = full_input();
        input.consistency = Consistency {
            days_met: 5,
            days_counted: 10,
        };
        let r = readiness(&input);
        assert_eq!(part_of(&r, PartKind::Consistency).points, 12.5);
        assert_eq!(r.total, 88); // 87.5 rounds up
    }

    #[test]
    fn volume_caps_each_item_and_averages_them() {
        let mut input = full_input();
        input.volume = Volume {
            coding_problems: Some(Progress {
                done: 200,
                target: 100,
            }), // capped at 1
            designs: Some(Progress {
                done: 0,
                target: 15,
            }),
            stories: None, // no target: left out of the mean
        };
        let p = part_of(&readiness(&input), PartKind::Volume);
        assert_eq!(p.value, 0.5);
        assert_eq!(p.points, 12.5);
        assert_eq!(
            p.to_raise.as_deref(),
            Some("Log 15 more completed designs.")
        );
    }

    #[test]
    fn volume_without_any_target_is_missing() {
        let mut input = full_input();
        input.volume = Volume::default();
        let r = readiness(&input);
        assert!(part_of(&r, PartKind::Volume).missing);
        assert_eq!(r.total, 75);
    }

    #[test]
    fn mock_average_of_four_over_three_mocks_is_full() {
        let p = part_of(&readiness(&full_input()), PartKind::Mocks);
        assert_eq!(p.points, 25.0);
    }

    #[test]
    fn only_the_last_three_mocks_count() {
        let mut input = full_input();
        input.mock_scores = vec![1.0, 1.0, 4.0, 4.0, 4.0];
        assert_eq!(part_of(&readiness(&input), PartKind::Mocks).value, 1.0);
    }

    #[test]
    fn mock_average_scales_from_one_to_the_four_target() {
        let mut input = full_input();
        input.mock_scores = vec![2.5, 2.5, 2.5]; // halfway from 1 to 4
        let p = part_of(&readiness(&input), PartKind::Mocks);
        assert_eq!(p.value, 0.5);
        assert!(p
            .to_raise
            .as_deref()
            .is_some_and(|t| t.contains("2.5 to 4.0")));
    }

    #[test]
    fn a_single_good_mock_counts_for_a_third() {
        let mut input = full_input();
        input.mock_scores = vec![5.0];
        let p = part_of(&readiness(&input), PartKind::Mocks);
        assert!((p.value - 1.0 / 3.0).abs() < 1e-6);
        assert_eq!(p.points, 8.3);
        assert!(p
            .to_raise
            .as_deref()
            .is_some_and(|t| t.starts_with("Take 2 more")));
    }

    #[test]
    fn lp_coverage_is_the_share_of_16_principles() {
        let mut input = full_input();
        input.principles_covered = Some(8);
        let p = part_of(&readiness(&input), PartKind::LpCoverage);
        assert_eq!((p.value, p.points), (0.5, 7.5));
    }

    #[test]
    fn self_assessment_counts_in_full_from_85() {
        let mut input = full_input();
        input.self_assessment = Some(85);
        assert_eq!(
            part_of(&readiness(&input), PartKind::SelfAssessment).value,
            1.0
        );
        input.self_assessment = Some(51);
        let p = part_of(&readiness(&input), PartKind::SelfAssessment);
        assert_eq!((p.value, p.points), (0.6, 6.0));
    }

    #[test]
    fn missing_self_assessment_is_shown_as_missing_not_estimated() {
        let mut input = full_input();
        input.self_assessment = None;
        let r = readiness(&input);
        let p = part_of(&r, PartKind::SelfAssessment);
        assert!(p.missing);
        assert_eq!(p.explanation, "No self-assessment taken.");
        assert_eq!(r.total, 90);
    }

    #[test]
    fn consistency_window_is_ten_weekdays_and_skips_weekends() {
        // Met every weekday of the two weeks before Monday 17 March 2025 except Wed 12th.
        let today = d(2025, 3, 17);
        let mut entries = Vec::new();
        let mut day = d(2025, 2, 24);
        while day < today {
            if day != d(2025, 3, 12) {
                entries.extend(full_day(day));
            }
            day = day.succ_opt().expect("next day");
        }
        // Today not yet met: the window ends on Friday 14th.
        entries.push(star(today, 10));
        let c = consistency(&Minimums::default(), &entries, today, None);
        assert_eq!(
            c,
            Consistency {
                days_met: 9,
                days_counted: 10
            }
        );
    }

    #[test]
    fn consistency_ignores_days_before_the_plan_started() {
        // Plan started Wednesday 12 March; today Friday 14th, met Wed-Fri.
        let today = d(2025, 3, 14);
        let entries: Vec<Entry> = [d(2025, 3, 12), d(2025, 3, 13), today]
            .into_iter()
            .flat_map(full_day)
            .collect();
        let c = consistency(&Minimums::default(), &entries, today, Some(d(2025, 3, 12)));
        assert_eq!(
            c,
            Consistency {
                days_met: 3,
                days_counted: 3
            }
        );
    }

    #[test]
    fn plan_starting_today_has_no_prep_days_yet() {
        let today = d(2025, 3, 14);
        let c = consistency(&Minimums::default(), &[], today, Some(today));
        assert_eq!(c.days_counted, 0);
        let r = readiness(&ReadinessInput {
            consistency: c,
            ..full_input()
        });
        assert!(part_of(&r, PartKind::Consistency).missing);
    }

    #[test]
    fn total_stays_within_0_and_100_and_equals_the_rounded_points() {
        for met in 0..=10 {
            for score in [1.0, 2.2, 3.9, 4.0, 5.0] {
                for covered in [0, 7, 16, 40] {
                    for assessed in [None, Some(0), Some(60), Some(100), Some(250)] {
                        let input = ReadinessInput {
                            consistency: Consistency {
                                days_met: met,
                                days_counted: 10,
                            },
                            mock_scores: vec![score; usize::try_from(met % 4).expect("small")],
                            principles_covered: Some(covered),
                            self_assessment: assessed,
                            ..full_input()
                        };
                        let r = readiness(&input);
                        let sum: f32 = r.parts.iter().map(|p| p.points).sum();
                        assert!(r.total <= 100);
                        assert_eq!(r.total, sum.round() as u32);
                        assert!(r.parts.iter().all(|p| (0.0..=1.0).contains(&p.value)));
                    }
                }
            }
        }
    }

    #[test]
    fn readiness_serialises_its_parts_for_the_ui() {
        let json = serde_json::to_value(readiness(&full_input())).expect("serialise");
        assert_eq!(json["total"], 100);
        assert_eq!(json["parts"][3]["kind"], "lp-coverage");
        assert!(json["parts"][0]["toRaise"].is_null());
    }
}
