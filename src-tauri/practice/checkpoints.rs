//! The plans' measurable checkpoints ("12 STAR stories drafted", "3+ mocks
//! with a 4+ average") evaluated from evidence: the log, the story bank and
//! the timer's sessions. A checkpoint ticks itself when met; a missed one
//! says by how much. Criteria this module cannot measure ("stories delivered
//! naturally without notes") stay manual, never guessed.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::log::{recent_mock_average, Activity, Entry};

/// How many of the latest scored mocks `mock-average-score` averages: the
/// seed's "3+ mock interviews with 4+ average score", and recent form
/// rather than a first nervous attempt.
pub const RECENT_MOCKS: usize = 3;

/// What a criterion measures. Its wire form is a kebab-case string; a name
/// this version does not know is kept as `Other` (a manual checkpoint) so
/// plan data round-trips unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Metric {
    StoriesDrafted,
    StoriesPolished,
    CodingProblems,
    DesignsCompleted,
    MocksTaken,
    MockAverageScore,
    /// Principles with at least the minimum number of stories (of 16).
    PrinciplesCovered,
    Other(String),
}

impl Metric {
    /// The metrics this module measures, in catalog order.
    pub const MEASURED: [Metric; 7] = [
        Metric::StoriesDrafted,
        Metric::StoriesPolished,
        Metric::CodingProblems,
        Metric::DesignsCompleted,
        Metric::MocksTaken,
        Metric::MockAverageScore,
        Metric::PrinciplesCovered,
    ];

    pub fn as_str(&self) -> &str {
        match self {
            Metric::StoriesDrafted => "stories-drafted",
            Metric::StoriesPolished => "stories-polished",
            Metric::CodingProblems => "coding-problems",
            Metric::DesignsCompleted => "designs-completed",
            Metric::MocksTaken => "mocks-taken",
            Metric::MockAverageScore => "mock-average-score",
            Metric::PrinciplesCovered => "principles-covered",
            Metric::Other(name) => name,
        }
    }

    /// `false` for `Other`: the user ticks those by hand.
    pub fn is_measurable(&self) -> bool {
        !matches!(self, Metric::Other(_))
    }
}

impl FromStr for Metric {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Ok(Metric::MEASURED
            .iter()
            .find(|m| m.as_str() == s)
            .cloned()
            .unwrap_or_else(|| Metric::Other(s.to_string())))
    }
}

impl From<String> for Metric {
    fn from(s: String) -> Self {
        match s.parse() {
            Ok(m) => m,
            Err(never) => match never {},
        }
    }
}

impl From<Metric> for String {
    fn from(m: Metric) -> Self {
        m.as_str().to_string()
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// "`metric` at least `at_least`".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Criterion {
    pub metric: Metric,
    pub at_least: f32,
}

/// The part of the story bank checkpoints need; the stories module and the
/// store supply it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoryEvidence {
    pub drafted: u32,
    pub polished: u32,
    pub principles_covered: u32,
}

/// Everything measured so far, as of one date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    pub stories_drafted: u32,
    pub stories_polished: u32,
    pub coding_problems: u32,
    /// Designs at or above the completed threshold.
    pub designs_completed: u32,
    /// Every mock, scored or not.
    pub mocks_taken: u32,
    /// Mean of the last [`RECENT_MOCKS`] scored mocks; `None` before any.
    pub mock_average: Option<f32>,
    pub principles_covered: u32,
}

impl Evidence {
    /// Counts the log up to and including `through` and adds the story
    /// bank's figures.
    pub fn from_log(entries: &[Entry], through: NaiveDate, stories: StoryEvidence) -> Self {
        let mut evidence = Evidence {
            stories_drafted: stories.drafted,
            stories_polished: stories.polished,
            principles_covered: stories.principles_covered,
            mock_average: recent_mock_average(entries, through, RECENT_MOCKS).map(|(avg, _)| avg),
            ..Evidence::default()
        };
        for e in entries.iter().filter(|e| e.date <= through) {
            let a = &e.activity;
            if matches!(a, Activity::Coding { .. }) {
                evidence.coding_problems += 1;
            } else if a.is_completed_design() {
                evidence.designs_completed += 1;
            } else if a.is_mock() {
                evidence.mocks_taken += 1;
            }
        }
        evidence
    }

    /// The measured value of `metric`; `None` when it has no value yet (no
    /// scored mock) or cannot be measured.
    pub fn value(&self, metric: &Metric) -> Option<f32> {
        let count = |n: u32| Some(n as f32);
        match metric {
            Metric::StoriesDrafted => count(self.stories_drafted),
            Metric::StoriesPolished => count(self.stories_polished),
            Metric::CodingProblems => count(self.coding_problems),
            Metric::DesignsCompleted => count(self.designs_completed),
            Metric::MocksTaken => count(self.mocks_taken),
            Metric::MockAverageScore => self.mock_average,
            Metric::PrinciplesCovered => count(self.principles_covered),
            Metric::Other(_) => None,
        }
    }
}

/// Where a checkpoint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Met,
    Short,
    /// Measurable, but nothing to measure yet (no scored mock).
    NoEvidence,
    /// A manual checkpoint: the user decides.
    NotEvaluable,
}

/// A criterion against the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointStatus {
    pub metric: Metric,
    pub target: f32,
    pub actual: Option<f32>,
    pub met: bool,
    /// How much is missing when short (`target - actual`); `None` when met
    /// or when there is nothing to compare.
    pub short_by: Option<f32>,
    pub outcome: Outcome,
}

/// Evaluates one criterion.
pub fn evaluate(criterion: &Criterion, evidence: &Evidence) -> CheckpointStatus {
    let target = criterion.at_least;
    let actual = evidence.value(&criterion.metric);
    let outcome = match actual {
        _ if !criterion.metric.is_measurable() => Outcome::NotEvaluable,
        None => Outcome::NoEvidence,
        Some(a) if a >= target => Outcome::Met,
        Some(_) => Outcome::Short,
    };
    let short_by = match (outcome, actual) {
        (Outcome::Short, Some(a)) => Some(round2(target - a)),
        _ => None,
    };
    CheckpointStatus {
        metric: criterion.metric.clone(),
        target,
        actual,
        met: outcome == Outcome::Met,
        short_by,
        outcome,
    }
}

/// Evaluates a checkpoint's criteria; the checkpoint is met when every
/// measurable criterion is (see [`all_met`]).
pub fn evaluate_all(criteria: &[Criterion], evidence: &Evidence) -> Vec<CheckpointStatus> {
    criteria.iter().map(|c| evaluate(c, evidence)).collect()
}

/// Every criterion met, and at least one was measurable: a checkpoint made
/// only of manual criteria never ticks itself.
pub fn all_met(statuses: &[CheckpointStatus]) -> bool {
    let measurable: Vec<&CheckpointStatus> = statuses
        .iter()
        .filter(|s| s.outcome != Outcome::NotEvaluable)
        .collect();
    !measurable.is_empty() && measurable.iter().all(|s| s.met)
}

/// Rounds to two decimals so a short-by of an average reads `0.33`, not
/// `0.33333325`.
fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::log::tests::{coding, d, design, mock};

    fn crit(metric: Metric, at_least: f32) -> Criterion {
        Criterion { metric, at_least }
    }

    #[test]
    fn metric_names_match_the_plan_catalog() {
        for name in [
            "stories-drafted",
            "coding-problems",
            "designs-completed",
            "mocks-taken",
            "mock-average-score",
        ] {
            let m: Metric = serde_json::from_value(serde_json::json!(name)).expect("parse");
            assert!(m.is_measurable(), "{name}");
            assert_eq!(
                serde_json::to_value(&m).expect("serialise"),
                serde_json::json!(name)
            );
        }
    }

    #[test]
    fn unknown_metric_is_kept_as_a_manual_one() {
        let m: Metric = serde_json::from_str("\"delivered-without-notes\"").expect("parse");
        assert_eq!(m, Metric::Other("delivered-without-notes".into()));
        assert_eq!(
            serde_json::to_string(&m).expect("serialise"),
            "\"delivered-without-notes\""
        );
        let s = evaluate(&crit(m, 1.0), &Evidence::default());
        assert_eq!(s.outcome, Outcome::NotEvaluable);
        assert!(!s.met);
        assert_eq!((s.actual, s.short_by), (None, None));
    }

    #[test]
    fn count_criterion_is_met_at_its_target() {
        let evidence = Evidence {
            coding_problems: 30,
            ..Evidence::default()
        };
        let s = evaluate(&crit(Metric::CodingProblems, 30.0), &evidence);
        assert!(s.met);
        assert_eq!((s.outcome, s.short_by), (Outcome::Met, None));
    }

    #[test]
    fn missed_criterion_says_what_is_short() {
        let evidence = Evidence {
            stories_drafted: 9,
            ..Evidence::default()
        };
        let s = evaluate(&crit(Metric::StoriesDrafted, 12.0), &evidence);
        assert!(!s.met);
        assert_eq!((s.actual, s.short_by), (Some(9.0), Some(3.0)));
    }

    #[test]
    fn mock_average_without_mocks_has_no_evidence_rather_than_zero() {
        let s = evaluate(&crit(Metric::MockAverageScore, 4.0), &Evidence::default());
        assert_eq!(s.outcome, Outcome::NoEvidence);
        assert_eq!((s.actual, s.short_by), (None, None));
    }

    #[test]
    fn mock_average_short_by_is_rounded() {
        let evidence = Evidence {
            mock_average: Some(11.0 / 3.0),
            ..Evidence::default()
        };
        let s = evaluate(&crit(Metric::MockAverageScore, 4.0), &evidence);
        assert_eq!(s.short_by, Some(0.33));
    }

    #[test]
    fn evidence_from_log_counts_up_to_the_date() {
        let entries = vec![
            coding(d(2025, 3, 10), 20),
            coding(d(2025, 3, 11), 20),
            coding(d(2025, 3, 20), 20),
            design(d(2025, 3, 10), 60, 90),
            design(d(2025, 3, 10), 60, 40),
            mock(d(2025, 3, 1), 2.0),
            mock(d(2025, 3, 5), 4.0),
            mock(d(2025, 3, 6), 4.0),
            mock(d(2025, 3, 7), 4.0),
        ];
        let stories = StoryEvidence {
            drafted: 12,
            polished: 4,
            principles_covered: 9,
        };
        let e = Evidence::from_log(&entries, d(2025, 3, 15), stories);
        assert_eq!(e.coding_problems, 2);
        assert_eq!(e.designs_completed, 1);
        assert_eq!(e.mocks_taken, 4);
        assert_eq!(e.mock_average, Some(4.0));
        assert_eq!(
            (e.stories_drafted, e.stories_polished, e.principles_covered),
            (12, 4, 9)
        );
    }

    #[test]
    fn checkpoint_ticks_only_when_every_measurable_criterion_is_met() {
        let evidence = Evidence {
            mocks_taken: 3,
            mock_average: Some(4.2),
            ..Evidence::default()
        };
        let ok = evaluate_all(
            &[
                crit(Metric::MocksTaken, 3.0),
                crit(Metric::MockAverageScore, 4.0),
                crit(Metric::Other("natural-delivery".into()), 1.0),
            ],
            &evidence,
        );
        assert!(all_met(&ok));
        let short = evaluate_all(
            &[
                crit(Metric::MocksTaken, 4.0),
                crit(Metric::MockAverageScore, 4.0),
            ],
            &evidence,
        );
        assert!(!all_met(&short));
    }

    #[test]
    fn manual_only_checkpoint_never_ticks_itself() {
        let s = evaluate_all(
            &[crit(Metric::Other("x".into()), 1.0)],
            &Evidence::default(),
        );
        assert!(!all_met(&s));
    }

    #[test]
    fn status_serialises_camel_case_with_kebab_outcome() {
        let s = evaluate(&crit(Metric::MocksTaken, 1.0), &Evidence::default());
        let json = serde_json::to_value(&s).expect("serialise");
        assert_eq!(json["shortBy"], 1.0);
        assert_eq!(json["outcome"], "short");
        assert_eq!(json["metric"], "mocks-taken");
    }
}
