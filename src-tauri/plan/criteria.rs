//! Checkpoints and success requirements as criteria that can be checked
//! against logged evidence (a metric, a comparison, a number), plus the
//! manual ones the seed states that no log can prove.

use serde::{Deserialize, Serialize};

use crate::practice::ledger::DayTotals;

/// A number the app can compute from what the user logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    StoriesDrafted,
    StoriesPolished,
    StoryRefinements,
    CodingProblems,
    DesignsCompleted,
    MocksTaken,
    /// Average verdict (1-5) over the mocks taken.
    MockAverageScore,
    /// Share of mock rounds scored 4 or more, in percent.
    MockPassRatePercent,
    /// Leadership Principles section of the latest self-assessment, in percent.
    PrinciplesComprehensionPercent,
    /// Median minutes of the recent timed system-design rounds.
    DesignRoundMinutes,
    AssessmentsTaken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparison {
    AtLeast,
    AtMost,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Criterion {
    Measurable {
        metric: Metric,
        comparison: Comparison,
        value: f64,
        text: String,
    },
    Manual {
        text: String,
    },
}

impl Criterion {
    pub fn text(&self) -> &str {
        match self {
            Criterion::Measurable { text, .. } | Criterion::Manual { text } => text,
        }
    }
}

/// Who wrote a piece of plan content: the seed, or Loopready filling a gap
/// the seed left (shown so users can tell the two apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    #[default]
    Seed,
    Loopready,
}

/// A checkpoint at the end of a plan week (relative to the plan's start).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkpoint {
    pub week: u32,
    pub label: String,
    #[serde(default)]
    pub origin: Origin,
    pub criteria: Vec<Criterion>,
}

/// What the user has logged so far; `None` where nothing was logged yet
/// (an average over no mocks is unknown, not zero).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    pub stories_drafted: u32,
    pub stories_polished: u32,
    pub story_refinements: u32,
    pub coding_problems: u32,
    pub designs_completed: u32,
    pub mocks_taken: u32,
    pub mock_average_score: Option<f64>,
    pub mock_pass_rate_percent: Option<f64>,
    pub principles_comprehension_percent: Option<f64>,
    pub design_round_minutes: Option<f64>,
    pub assessments_taken: u32,
}

impl Evidence {
    /// Takes the log's figures from the totals of every day: coding
    /// problems, completed designs, every mock (timer and external), their
    /// average and pass rate, story refinements.
    pub fn add_log(&mut self, all: &DayTotals) {
        self.coding_problems = all.coding;
        self.designs_completed = all.designs_completed;
        self.mocks_taken = all.mocks;
        self.story_refinements = all.refinements;
        if all.mocks_scored > 0 {
            let n = f64::from(all.mocks_scored);
            self.mock_average_score = Some(round2(all.mock_score_sum / n));
            self.mock_pass_rate_percent = Some(round2(f64::from(all.mocks_passed) * 100.0 / n));
        }
    }

    pub fn value(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::StoriesDrafted => Some(f64::from(self.stories_drafted)),
            Metric::StoriesPolished => Some(f64::from(self.stories_polished)),
            Metric::StoryRefinements => Some(f64::from(self.story_refinements)),
            Metric::CodingProblems => Some(f64::from(self.coding_problems)),
            Metric::DesignsCompleted => Some(f64::from(self.designs_completed)),
            Metric::MocksTaken => Some(f64::from(self.mocks_taken)),
            Metric::MockAverageScore => self.mock_average_score,
            Metric::MockPassRatePercent => self.mock_pass_rate_percent,
            Metric::PrinciplesComprehensionPercent => self.principles_comprehension_percent,
            Metric::DesignRoundMinutes => self.design_round_minutes,
            Metric::AssessmentsTaken => Some(f64::from(self.assessments_taken)),
        }
    }
}

/// Where the evidence stands against one criterion, for the Today view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionStatus {
    pub text: String,
    /// `None` for manual criteria and for metrics with no evidence yet.
    pub met: Option<bool>,
    pub current: Option<f64>,
    pub target: Option<f64>,
    /// How far from the target (0 when met); `None` when unknown.
    pub gap: Option<f64>,
    /// Where it stands, in the metric's own unit, when it is not met:
    /// "18 of 30, 12 short", "3.15 of 4.00, 0.85 short", "0% of 80%",
    /// "75 min, 15 over the 60". Both views show this text.
    pub progress: Option<String>,
}

impl Metric {
    /// A value of the metric as the window writes it.
    fn show(self, v: f64) -> String {
        match self {
            Metric::MockAverageScore => format!("{v:.2}"),
            Metric::MockPassRatePercent | Metric::PrinciplesComprehensionPercent => {
                format!("{}%", v.round())
            }
            Metric::DesignRoundMinutes => format!("{} min", v.round()),
            _ => format!("{}", v.round()),
        }
    }
}

pub fn evaluate(criterion: &Criterion, evidence: &Evidence) -> CriterionStatus {
    match criterion {
        Criterion::Manual { text } => CriterionStatus {
            text: text.clone(),
            met: None,
            current: None,
            target: None,
            gap: None,
            progress: None,
        },
        Criterion::Measurable {
            metric,
            comparison,
            value,
            text,
        } => {
            let current = evidence.value(*metric);
            let gap = current.map(|c| match comparison {
                Comparison::AtLeast => (value - c).max(0.0),
                Comparison::AtMost => (c - value).max(0.0),
            });
            let progress = current.zip(gap).filter(|(_, g)| *g > 0.0).map(|(c, g)| {
                let show = |v| metric.show(v);
                match (comparison, metric) {
                    // A share's distance is read off its two figures.
                    (
                        Comparison::AtLeast,
                        Metric::MockPassRatePercent | Metric::PrinciplesComprehensionPercent,
                    ) => format!("{} of {}", show(c), show(*value)),
                    (Comparison::AtLeast, _) => {
                        format!("{} of {}, {} short", show(c), show(*value), show(g))
                    }
                    (Comparison::AtMost, _) => {
                        format!("{}, {} over the {}", show(c), show(g), show(*value))
                    }
                }
            });
            CriterionStatus {
                text: text.clone(),
                met: gap.map(|g| g == 0.0),
                current,
                target: Some(*value),
                gap,
                progress,
            }
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_least(metric: Metric, value: f64) -> Criterion {
        Criterion::Measurable {
            metric,
            comparison: Comparison::AtLeast,
            value,
            text: String::new(),
        }
    }

    #[test]
    fn at_least_criterion_reports_the_remaining_gap() {
        let evidence = Evidence {
            coding_problems: 18,
            ..Evidence::default()
        };
        let status = evaluate(&at_least(Metric::CodingProblems, 30.0), &evidence);
        assert_eq!(status.met, Some(false));
        assert_eq!(status.gap, Some(12.0));
    }

    /// The progress text is in the metric's unit, rounded as the window
    /// shows it: no "0.8500000000000001 short", no "0 of 80" for a share.
    #[test]
    fn progress_is_worded_in_the_metrics_unit() {
        let evidence = Evidence {
            coding_problems: 18,
            mock_average_score: Some(3.15),
            mock_pass_rate_percent: Some(0.0),
            design_round_minutes: Some(75.0),
            ..Evidence::default()
        };
        let progress = |c: Criterion| evaluate(&c, &evidence).progress;
        assert_eq!(
            progress(at_least(Metric::CodingProblems, 30.0)).as_deref(),
            Some("18 of 30, 12 short")
        );
        assert_eq!(
            progress(at_least(Metric::MockAverageScore, 4.0)).as_deref(),
            Some("3.15 of 4.00, 0.85 short")
        );
        assert_eq!(
            progress(at_least(Metric::MockPassRatePercent, 80.0)).as_deref(),
            Some("0% of 80%")
        );
        let at_most = Criterion::Measurable {
            metric: Metric::DesignRoundMinutes,
            comparison: Comparison::AtMost,
            value: 60.0,
            text: String::new(),
        };
        assert_eq!(
            progress(at_most).as_deref(),
            Some("75 min, 15 min over the 60 min")
        );
        assert_eq!(
            progress(at_least(Metric::CodingProblems, 10.0)),
            None,
            "met"
        );
    }

    #[test]
    fn average_with_no_mocks_is_unknown_not_failed() {
        let status = evaluate(
            &at_least(Metric::MockAverageScore, 4.0),
            &Evidence::default(),
        );
        assert_eq!(status.met, None);
    }

    #[test]
    fn at_most_criterion_is_met_under_the_limit() {
        let c = Criterion::Measurable {
            metric: Metric::DesignRoundMinutes,
            comparison: Comparison::AtMost,
            value: 60.0,
            text: String::new(),
        };
        let evidence = Evidence {
            design_round_minutes: Some(52.0),
            ..Evidence::default()
        };
        assert_eq!(evaluate(&c, &evidence).met, Some(true));
    }

    #[test]
    fn criteria_read_from_toml_with_kind_tags() {
        #[derive(Deserialize)]
        struct W {
            c: Vec<Criterion>,
        }
        let w: W = toml::from_str(
            r#"c = [{ kind = "measurable", metric = "mocks-taken", comparison = "at-least", value = 3, text = "t" }, { kind = "manual", text = "m" }]"#,
        )
        .unwrap();
        assert_eq!(
            w.c[0],
            Criterion::Measurable {
                metric: Metric::MocksTaken,
                comparison: Comparison::AtLeast,
                value: 3.0,
                text: "t".into()
            }
        );
        assert_eq!(w.c[1], Criterion::Manual { text: "m".into() });
    }
}
