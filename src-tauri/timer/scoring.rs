//! Scoring a finished round: the rubric for its kind (and, for system
//! design, the target level), 1-5 per dimension, a weighted average and the
//! verdict scale of reference.md (5 strong hire … 1 strong no hire). Weights
//! are whole percentages summing to 100; a dimension of weight 0 is scored
//! and shown but left out of the average.

use serde::{Deserialize, Serialize};

use super::templates::RoundKind;
use crate::plan::profile::TargetLevel;

/// One thing a round is scored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    // System design, L6.
    Architecture,
    Scalability,
    DataAndStorage,
    IntegrationAndApis,
    Operations,
    // System design, L7.
    PlatformArchitecture,
    MultiTenancy,
    OrganizationalImpact,
    TechnologyStrategy,
    BusinessImpact,
    // Coding.
    ProblemSolving,
    CodeQuality,
    Testing,
    // Behavioral.
    PrincipleDepth,
    StarStructure,
    ScopeAndImpact,
    // Shared.
    Communication,
    /// Loops and custom rounds, which have no rubric of their own.
    Overall,
}

impl Dimension {
    /// The label on the scoring form.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Architecture => "Architecture",
            Dimension::Scalability => "Scalability",
            Dimension::DataAndStorage => "Data and storage",
            Dimension::IntegrationAndApis => "Integration and APIs",
            Dimension::Operations => "Operations (monitoring, deployment)",
            Dimension::PlatformArchitecture => "Platform architecture",
            Dimension::MultiTenancy => "Multi-tenancy",
            Dimension::OrganizationalImpact => "Organizational impact",
            Dimension::TechnologyStrategy => "Technology strategy",
            Dimension::BusinessImpact => "Business impact",
            Dimension::ProblemSolving => "Problem solving",
            Dimension::CodeQuality => "Code quality",
            Dimension::Testing => "Testing",
            Dimension::PrincipleDepth => "Leadership Principle depth",
            Dimension::StarStructure => "STAR structure",
            Dimension::ScopeAndImpact => "Scope and impact for the level",
            Dimension::Communication => "Communication",
            Dimension::Overall => "Overall performance",
        }
    }

    /// What to look for, from reference.md.
    pub fn hint(self) -> &'static str {
        match self {
            Dimension::CodeQuality => "Working, clean, edge cases, complexity explained.",
            Dimension::PrincipleDepth => "Specific, quantified, clear personal ownership.",
            Dimension::Communication => {
                "Clarity and structure, depth versus breadth, trade-off analysis."
            }
            Dimension::Operations => "Monitoring, deployment, on-call.",
            _ => "",
        }
    }
}

/// What a score of 1, 3 and 5 looks like on a dimension at a level, so a
/// person scoring a round (their own or a peer's) scores by the same bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Anchors {
    pub one: String,
    pub three: String,
    pub five: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnchorRow {
    dimension: Dimension,
    level: TargetLevel,
    one: String,
    three: String,
    five: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnchorFile {
    anchor: Vec<AnchorRow>,
}

/// The anchors of `dimension` at `level`, from `anchors.toml`.
pub fn anchors(dimension: Dimension, level: TargetLevel) -> Option<&'static Anchors> {
    static ANCHORS: std::sync::OnceLock<
        std::collections::HashMap<(Dimension, TargetLevel), Anchors>,
    > = std::sync::OnceLock::new();
    ANCHORS
        .get_or_init(|| {
            let file: AnchorFile = toml::from_str(include_str!("anchors.toml"))
                .expect("the built-in rubric anchors parse");
            file.anchor
                .into_iter()
                .map(|a| {
                    (
                        (a.dimension, a.level),
                        Anchors {
                            one: a.one,
                            three: a.three,
                            five: a.five,
                        },
                    )
                })
                .collect()
        })
        .get(&(dimension, level))
}

/// A dimension with its weight in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Weighted {
    pub dimension: Dimension,
    pub weight: u32,
}

const fn w(dimension: Dimension, weight: u32) -> Weighted {
    Weighted { dimension, weight }
}

use Dimension as D;

/// What a design problem mainly tests. It moves weight among the design
/// dimensions: a global payments platform is not graded on multi-tenancy
/// the way a shared SaaS platform is. Each problem of the bank names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DesignFocus {
    /// L6: a check on every request; latency and availability first.
    HotPath,
    /// L6: events or jobs through queues; throughput, delivery, operations.
    Pipeline,
    /// L6: mostly keys and records; the data model and storage.
    DataStore,
    /// L7: a platform many teams or customers share.
    SharedPlatform,
    /// L7: one global business (commerce, payments, logistics, utilities).
    GlobalBusiness,
    /// L7: a data or content platform.
    DataPlatform,
}

impl DesignFocus {
    /// The level whose design rubric this focus re-weighs.
    pub fn level(self) -> TargetLevel {
        match self {
            DesignFocus::HotPath | DesignFocus::Pipeline | DesignFocus::DataStore => {
                TargetLevel::L6
            }
            _ => TargetLevel::L7,
        }
    }

    /// How the window names the focus beside the weights.
    pub fn label(self) -> &'static str {
        match self {
            DesignFocus::HotPath => "a service on every request's path",
            DesignFocus::Pipeline => "a pipeline of events or jobs",
            DesignFocus::DataStore => "a data store",
            DesignFocus::SharedPlatform => "a platform many tenants share",
            DesignFocus::GlobalBusiness => "a global business platform",
            DesignFocus::DataPlatform => "a data or content platform",
        }
    }
}

// The first table of each level is reference.md's; the others move weight
// toward what their kind of problem is about (Loopready's judgement).
const SYSTEM_DESIGN_L6: &[Weighted] = &[
    w(D::Architecture, 25),
    w(D::Scalability, 25),
    w(D::DataAndStorage, 20),
    w(D::IntegrationAndApis, 15),
    w(D::Operations, 15),
    w(D::Communication, 0),
];
const DESIGN_HOT_PATH: &[Weighted] = &[
    w(D::Architecture, 20),
    w(D::Scalability, 30),
    w(D::DataAndStorage, 15),
    w(D::IntegrationAndApis, 15),
    w(D::Operations, 20),
    w(D::Communication, 0),
];
const DESIGN_PIPELINE: &[Weighted] = &[
    w(D::Architecture, 25),
    w(D::Scalability, 20),
    w(D::DataAndStorage, 20),
    w(D::IntegrationAndApis, 15),
    w(D::Operations, 20),
    w(D::Communication, 0),
];
const DESIGN_DATA_STORE: &[Weighted] = &[
    w(D::Architecture, 20),
    w(D::Scalability, 25),
    w(D::DataAndStorage, 30),
    w(D::IntegrationAndApis, 15),
    w(D::Operations, 10),
    w(D::Communication, 0),
];
const SYSTEM_DESIGN_L7: &[Weighted] = &[
    w(D::PlatformArchitecture, 30),
    w(D::MultiTenancy, 20),
    w(D::OrganizationalImpact, 20),
    w(D::TechnologyStrategy, 15),
    w(D::BusinessImpact, 15),
    w(D::Communication, 0),
];
const DESIGN_GLOBAL_BUSINESS: &[Weighted] = &[
    w(D::PlatformArchitecture, 30),
    w(D::MultiTenancy, 5),
    w(D::OrganizationalImpact, 20),
    w(D::TechnologyStrategy, 20),
    w(D::BusinessImpact, 25),
    w(D::Communication, 0),
];
const DESIGN_DATA_PLATFORM: &[Weighted] = &[
    w(D::PlatformArchitecture, 35),
    w(D::MultiTenancy, 10),
    w(D::OrganizationalImpact, 15),
    w(D::TechnologyStrategy, 25),
    w(D::BusinessImpact, 15),
    w(D::Communication, 0),
];
const CODING: &[Weighted] = &[
    w(D::ProblemSolving, 25),
    w(D::CodeQuality, 25),
    w(D::Testing, 25),
    w(D::Communication, 25),
];
const BEHAVIORAL: &[Weighted] = &[
    w(D::PrincipleDepth, 25),
    w(D::StarStructure, 25),
    w(D::ScopeAndImpact, 25),
    w(D::Communication, 25),
];
/// The bar raiser probes the principles deepest.
const BAR_RAISER: &[Weighted] = &[
    w(D::PrincipleDepth, 35),
    w(D::StarStructure, 15),
    w(D::ScopeAndImpact, 25),
    w(D::Communication, 25),
];
/// The L7 leadership rounds judge the scope of what was led.
const LEADERSHIP: &[Weighted] = &[
    w(D::PrincipleDepth, 25),
    w(D::StarStructure, 15),
    w(D::ScopeAndImpact, 40),
    w(D::Communication, 20),
];
const OVERALL: &[Weighted] = &[w(D::Overall, 100)];

/// The dimensions a round of `kind` is scored on at `level`, weighed for the
/// design problem's `focus` when it has one (a focus of the other level is
/// ignored). The phone screen is mostly coding; the L7 technical strategy
/// round uses the L7 design rubric. A loop is scored round by round, each on
/// its own kind's rubric; `Overall` is left for custom rounds.
pub fn rubric(
    kind: RoundKind,
    level: TargetLevel,
    focus: Option<DesignFocus>,
) -> &'static [Weighted] {
    let design_level = match kind {
        RoundKind::TechnicalStrategy => TargetLevel::L7,
        _ => level,
    };
    let focus = focus.filter(|f| f.level() == design_level);
    match (kind, design_level) {
        (RoundKind::SystemDesign | RoundKind::TechnicalStrategy, _) => {
            match (design_level, focus) {
                (_, Some(DesignFocus::HotPath)) => DESIGN_HOT_PATH,
                (_, Some(DesignFocus::Pipeline)) => DESIGN_PIPELINE,
                (_, Some(DesignFocus::DataStore)) => DESIGN_DATA_STORE,
                (_, Some(DesignFocus::GlobalBusiness)) => DESIGN_GLOBAL_BUSINESS,
                (_, Some(DesignFocus::DataPlatform)) => DESIGN_DATA_PLATFORM,
                (TargetLevel::L6, _) => SYSTEM_DESIGN_L6,
                (TargetLevel::L7, _) => SYSTEM_DESIGN_L7,
            }
        }
        (RoundKind::Coding | RoundKind::PhoneScreen, _) => CODING,
        (RoundKind::Behavioral, _) => BEHAVIORAL,
        (RoundKind::BarRaiser, _) => BAR_RAISER,
        (RoundKind::Leadership, _) => LEADERSHIP,
        (RoundKind::Loop | RoundKind::Custom, _) => OVERALL,
    }
}

/// The verdict scale, 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    StrongNoHire = 1,
    NoHire = 2,
    Mixed = 3,
    Hire = 4,
    StrongHire = 5,
}

impl Verdict {
    pub fn value(self) -> u8 {
        self as u8
    }

    pub fn from_value(value: u8) -> Option<Verdict> {
        match value {
            1 => Some(Verdict::StrongNoHire),
            2 => Some(Verdict::NoHire),
            3 => Some(Verdict::Mixed),
            4 => Some(Verdict::Hire),
            5 => Some(Verdict::StrongHire),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::StrongNoHire => "Strong no hire",
            Verdict::NoHire => "No hire",
            Verdict::Mixed => "Mixed",
            Verdict::Hire => "Hire",
            Verdict::StrongHire => "Strong hire",
        }
    }

    /// The verdict a weighted score suggests: the nearest point of the
    /// scale, halves rounding up (3.5 is a hire).
    pub fn suggested(score: f64) -> Verdict {
        let nearest = (score.clamp(1.0, 5.0) + 0.5).floor() as u8;
        Verdict::from_value(nearest.min(5)).unwrap_or(Verdict::Mixed)
    }
}

/// A scored round of a loop, as the loop's verdict reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoundOutcome<'a> {
    pub name: &'a str,
    pub kind: RoundKind,
    pub score: f64,
}

/// A loop's verdict, derived from its rounds, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoopVerdict {
    pub verdict: Verdict,
    /// The mean of the scored rounds' weighted scores.
    pub average: f64,
    /// Plain sentences, the rule that set the verdict last.
    pub reasons: Vec<String>,
}

/// The verdict of a loop whose `rounds` were scored, out of `planned`:
/// 1. the rounds' average, to the nearest point of the scale;
/// 2. a bar raiser round below Mixed is a veto (reference.md: "the bar
///    raiser can veto"): the loop is at most No hire;
/// 3. so is a loop with a round at Strong no hire, or with two or more
///    rounds below Mixed: a debrief does not average those away.
///
/// `None` when no round was scored.
pub fn loop_verdict(rounds: &[RoundOutcome<'_>], planned: usize) -> Option<LoopVerdict> {
    if rounds.is_empty() {
        return None;
    }
    let average = rounds.iter().map(|r| r.score).sum::<f64>() / rounds.len() as f64;
    let mut verdict = Verdict::suggested(average);
    let mut reasons = vec![format!(
        "The {} scored round{} average {average:.2}, nearest to {}.",
        rounds.len(),
        if rounds.len() == 1 { "" } else { "s" },
        verdict.label()
    )];
    if rounds.len() < planned {
        reasons.push(format!(
            "Only {} of the loop's {planned} rounds were scored; the verdict covers those.",
            rounds.len()
        ));
    }
    let cap = |verdict: &mut Verdict, reasons: &mut Vec<String>, why: String| {
        if *verdict > Verdict::NoHire {
            *verdict = Verdict::NoHire;
            reasons.push(format!("{why} The loop is at most No hire."));
        }
    };
    let below = |r: &&RoundOutcome<'_>| Verdict::suggested(r.score) < Verdict::Mixed;
    if let Some(r) = rounds
        .iter()
        .filter(below)
        .find(|r| r.kind == RoundKind::BarRaiser)
    {
        cap(
            &mut verdict,
            &mut reasons,
            format!(
                "The bar raiser round ({}) scored {:.2}, {}: the bar raiser can veto.",
                r.name,
                r.score,
                Verdict::suggested(r.score).label()
            ),
        );
    }
    if let Some(r) = rounds
        .iter()
        .find(|r| Verdict::suggested(r.score) == Verdict::StrongNoHire)
    {
        cap(
            &mut verdict,
            &mut reasons,
            format!("{} scored {:.2}, Strong no hire.", r.name, r.score),
        );
    }
    let low: Vec<&str> = rounds.iter().filter(below).map(|r| r.name).collect();
    if low.len() >= 2 {
        cap(
            &mut verdict,
            &mut reasons,
            format!(
                "{} rounds scored below Mixed ({}).",
                low.len(),
                low.join(", ")
            ),
        );
    }
    Some(LoopVerdict {
        verdict,
        average,
        reasons,
    })
}

/// One dimension's score, 1-5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionScore {
    pub dimension: Dimension,
    pub score: u8,
}

/// Why a set of scores was refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("{} must be scored from 1 to 5 (got {score}).", .dimension.label())]
    OutOfRange { dimension: Dimension, score: u8 },
    #[error("Score {} too.", .0.label())]
    Missing(Dimension),
    #[error("{} is not part of this round's rubric.", .0.label())]
    NotInRubric(Dimension),
    #[error("{} is scored twice.", .0.label())]
    Duplicate(Dimension),
}

/// Checks `scores` against `rubric` (each dimension once, 1-5) and returns
/// their weighted average, 1.0 to 5.0.
pub fn weighted_score(rubric: &[Weighted], scores: &[DimensionScore]) -> Result<f64, ScoreError> {
    for (i, s) in scores.iter().enumerate() {
        if !(1..=5).contains(&s.score) {
            return Err(ScoreError::OutOfRange {
                dimension: s.dimension,
                score: s.score,
            });
        }
        if !rubric.iter().any(|r| r.dimension == s.dimension) {
            return Err(ScoreError::NotInRubric(s.dimension));
        }
        if scores[..i].iter().any(|o| o.dimension == s.dimension) {
            return Err(ScoreError::Duplicate(s.dimension));
        }
    }
    let mut sum = 0u32;
    let mut weights = 0u32;
    for r in rubric {
        let score = scores
            .iter()
            .find(|s| s.dimension == r.dimension)
            .ok_or(ScoreError::Missing(r.dimension))?;
        sum += r.weight * u32::from(score.score);
        weights += r.weight;
    }
    Ok(if weights == 0 {
        0.0
    } else {
        f64::from(sum) / f64::from(weights)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dimension_of_every_rubric_has_anchors_at_both_levels() {
        let kinds = [
            RoundKind::SystemDesign,
            RoundKind::Coding,
            RoundKind::Behavioral,
            RoundKind::BarRaiser,
            RoundKind::PhoneScreen,
            RoundKind::TechnicalStrategy,
            RoundKind::Leadership,
            RoundKind::Loop,
            RoundKind::Custom,
        ];
        for kind in kinds {
            for level in [TargetLevel::L6, TargetLevel::L7] {
                for w in rubric(kind, level, None) {
                    let a = anchors(w.dimension, level)
                        .unwrap_or_else(|| panic!("{:?} at {level:?} has no anchors", w.dimension));
                    assert!(!a.one.is_empty() && !a.three.is_empty() && !a.five.is_empty());
                }
            }
        }
        assert_ne!(
            anchors(Dimension::Communication, TargetLevel::L6),
            anchors(Dimension::Communication, TargetLevel::L7),
            "the bar moves with the level"
        );
    }

    fn all(rubric: &[Weighted], score: u8) -> Vec<DimensionScore> {
        rubric
            .iter()
            .map(|r| DimensionScore {
                dimension: r.dimension,
                score,
            })
            .collect()
    }

    #[test]
    fn every_rubric_weighs_one_hundred_percent() {
        for kind in [
            RoundKind::SystemDesign,
            RoundKind::Coding,
            RoundKind::Behavioral,
            RoundKind::BarRaiser,
            RoundKind::PhoneScreen,
            RoundKind::TechnicalStrategy,
            RoundKind::Leadership,
            RoundKind::Loop,
            RoundKind::Custom,
        ] {
            for level in [TargetLevel::L6, TargetLevel::L7] {
                let total: u32 = rubric(kind, level, None).iter().map(|r| r.weight).sum();
                assert_eq!(total, 100, "{kind:?} {level:?}");
            }
        }
    }

    #[test]
    fn system_design_weights_depend_on_the_level() {
        let l6: Vec<u32> = rubric(RoundKind::SystemDesign, TargetLevel::L6, None)
            .iter()
            .map(|r| r.weight)
            .collect();
        let l7: Vec<u32> = rubric(RoundKind::SystemDesign, TargetLevel::L7, None)
            .iter()
            .map(|r| r.weight)
            .collect();
        assert_eq!(l6, [25, 25, 20, 15, 15, 0]);
        assert_eq!(l7, [30, 20, 20, 15, 15, 0]);
    }

    #[test]
    fn coding_and_behavioral_have_four_dimensions() {
        assert_eq!(rubric(RoundKind::Coding, TargetLevel::L6, None).len(), 4);
        assert_eq!(
            rubric(RoundKind::Behavioral, TargetLevel::L7, None).len(),
            4
        );
    }

    #[test]
    fn weighted_score_uses_the_weights() {
        let r = rubric(RoundKind::SystemDesign, TargetLevel::L6, None);
        let mut scores = all(r, 3);
        scores[0].score = 5; // architecture, 25 %
        scores[5].score = 1; // communication, unweighted
        assert_eq!(weighted_score(r, &scores).unwrap(), 3.5);
    }

    #[test]
    fn missing_duplicate_foreign_and_out_of_range_scores_are_refused() {
        let r = rubric(RoundKind::Coding, TargetLevel::L6, None);
        let mut s = all(r, 4);
        s.pop();
        assert_eq!(
            weighted_score(r, &s),
            Err(ScoreError::Missing(D::Communication))
        );
        let mut s = all(r, 4);
        s.push(s[0]);
        assert_eq!(
            weighted_score(r, &s),
            Err(ScoreError::Duplicate(D::ProblemSolving))
        );
        let mut s = all(r, 4);
        s[1].dimension = D::MultiTenancy;
        assert_eq!(
            weighted_score(r, &s),
            Err(ScoreError::NotInRubric(D::MultiTenancy))
        );
        let mut s = all(r, 4);
        s[2].score = 6;
        assert_eq!(
            weighted_score(r, &s),
            Err(ScoreError::OutOfRange {
                dimension: D::Testing,
                score: 6
            })
        );
    }

    const FOCI: [DesignFocus; 6] = [
        DesignFocus::HotPath,
        DesignFocus::Pipeline,
        DesignFocus::DataStore,
        DesignFocus::SharedPlatform,
        DesignFocus::GlobalBusiness,
        DesignFocus::DataPlatform,
    ];

    #[test]
    fn a_problem_focus_moves_weight_but_keeps_the_levels_dimensions() {
        for focus in FOCI {
            for level in [TargetLevel::L6, TargetLevel::L7] {
                let plain = rubric(RoundKind::SystemDesign, level, None);
                let focused = rubric(RoundKind::SystemDesign, level, Some(focus));
                assert_eq!(focused.iter().map(|r| r.weight).sum::<u32>(), 100);
                let dims = |r: &[Weighted]| r.iter().map(|w| w.dimension).collect::<Vec<_>>();
                // Stored scores stay valid whatever problem is named.
                assert_eq!(dims(plain), dims(focused), "{focus:?} at {level:?}");
                if focus.level() != level {
                    assert_eq!(plain, focused, "a focus of the other level is ignored");
                }
            }
        }
        let weight = |focus, d| {
            rubric(RoundKind::SystemDesign, TargetLevel::L7, Some(focus))
                .iter()
                .find(|w| w.dimension == d)
                .unwrap()
                .weight
        };
        assert_eq!(weight(DesignFocus::SharedPlatform, D::MultiTenancy), 20);
        assert!(weight(DesignFocus::GlobalBusiness, D::MultiTenancy) < 20);
        assert_eq!(
            rubric(RoundKind::TechnicalStrategy, TargetLevel::L6, None),
            SYSTEM_DESIGN_L7,
            "the strategy round is an L7 round"
        );
    }

    #[test]
    fn behavioral_rounds_are_weighed_by_what_the_round_is_for() {
        let weight = |kind, d| {
            rubric(kind, TargetLevel::L7, None)
                .iter()
                .find(|w| w.dimension == d)
                .unwrap()
                .weight
        };
        assert!(
            weight(RoundKind::BarRaiser, D::PrincipleDepth)
                > weight(RoundKind::Behavioral, D::PrincipleDepth)
        );
        assert!(
            weight(RoundKind::Leadership, D::ScopeAndImpact)
                > weight(RoundKind::Behavioral, D::ScopeAndImpact)
        );
    }

    fn outcome(name: &str, kind: RoundKind, score: f64) -> RoundOutcome<'_> {
        RoundOutcome { name, kind, score }
    }

    #[test]
    fn a_loop_verdict_is_its_average_unless_a_rule_holds_it_down() {
        let good = [
            outcome("Design", RoundKind::SystemDesign, 4.2),
            outcome("Strategy", RoundKind::TechnicalStrategy, 4.0),
            outcome("Bar raiser", RoundKind::BarRaiser, 3.8),
        ];
        let v = loop_verdict(&good, 3).unwrap();
        assert_eq!(v.verdict, Verdict::Hire);
        assert!((v.average - 4.0).abs() < 1e-9);
        assert_eq!(v.reasons.len(), 1);

        // The bar raiser vetoes a loop the average would pass.
        let vetoed = [
            outcome("Design", RoundKind::SystemDesign, 5.0),
            outcome("Strategy", RoundKind::TechnicalStrategy, 5.0),
            outcome("Bar raiser", RoundKind::BarRaiser, 2.2),
        ];
        let v = loop_verdict(&vetoed, 3).unwrap();
        assert_eq!(Verdict::suggested(v.average), Verdict::Hire);
        assert_eq!(v.verdict, Verdict::NoHire);
        assert!(v.reasons.last().unwrap().contains("bar raiser can veto"));

        // One strong no hire, or two rounds below Mixed, hold it too.
        let sunk = [
            outcome("Design", RoundKind::SystemDesign, 5.0),
            outcome("Case", RoundKind::Leadership, 1.2),
            outcome("Exec", RoundKind::Leadership, 5.0),
        ];
        assert_eq!(loop_verdict(&sunk, 3).unwrap().verdict, Verdict::NoHire);
        let two_low = [
            outcome("A", RoundKind::Coding, 2.0),
            outcome("B", RoundKind::Coding, 2.4),
            outcome("C", RoundKind::Behavioral, 5.0),
            outcome("D", RoundKind::Behavioral, 5.0),
            outcome("E", RoundKind::Behavioral, 5.0),
        ];
        let v = loop_verdict(&two_low, 6).unwrap();
        assert_eq!(v.verdict, Verdict::NoHire);
        assert!(v.reasons.iter().any(|r| r.contains("5 of the loop's 6")));
        assert!(v.reasons.iter().any(|r| r.contains("(A, B)")));

        // A cap never raises a verdict already below it.
        let bad = [outcome("Bar raiser", RoundKind::BarRaiser, 1.0)];
        assert_eq!(
            loop_verdict(&bad, 1).unwrap().verdict,
            Verdict::StrongNoHire
        );
        assert_eq!(loop_verdict(&[], 6), None);
    }

    #[test]
    fn verdict_is_the_nearest_point_halves_up() {
        assert_eq!(Verdict::suggested(5.0), Verdict::StrongHire);
        assert_eq!(Verdict::suggested(4.49), Verdict::Hire);
        assert_eq!(Verdict::suggested(3.5), Verdict::Hire);
        assert_eq!(Verdict::suggested(3.0), Verdict::Mixed);
        assert_eq!(Verdict::suggested(2.0), Verdict::NoHire);
        assert_eq!(Verdict::suggested(1.2), Verdict::StrongNoHire);
        assert_eq!(Verdict::suggested(0.0), Verdict::StrongNoHire);
    }

    #[test]
    fn verdict_values_run_from_one_to_five() {
        assert_eq!(Verdict::StrongNoHire.value(), 1);
        assert_eq!(Verdict::from_value(5), Some(Verdict::StrongHire));
        assert_eq!(Verdict::from_value(0), None);
        assert_eq!(
            serde_json::to_string(&Verdict::NoHire).unwrap(),
            "\"no-hire\""
        );
    }
}
