//! After a round: the scoring form it gets, the weighted score and suggested
//! verdict, what is kept once it is scored, and the plain sentences about
//! phases that ran over or ended early ("Requirements overran by 4 min").
//! Pure: the session, the level and the scores come in as arguments.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::engine::{Ending, Pace, PhaseTime, Session};
use super::scoring::{
    self, DesignFocus, Dimension, DimensionScore, LoopVerdict, RoundOutcome, ScoreError, Verdict,
    Weighted,
};
use super::templates::{LoopRound, RoundKind};
use crate::plan::profile::TargetLevel;
use crate::stories::principles::Principle;

/// A verdict with its number and its words, as the window and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerdictView {
    pub value: u8,
    pub verdict: Verdict,
    pub label: String,
}

impl From<Verdict> for VerdictView {
    fn from(verdict: Verdict) -> Self {
        VerdictView {
            value: verdict.value(),
            verdict,
            label: verdict.label().to_owned(),
        }
    }
}

/// One line of the scoring form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionView {
    pub dimension: Dimension,
    pub label: String,
    pub hint: String,
    /// Percent of the weighted score; 0 means scored but not counted.
    pub weight: u32,
    /// What 1, 3 and 5 look like at the round's level.
    pub anchors: Option<scoring::Anchors>,
}

/// Everything the scoring form of an ended round shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreForm {
    pub started_at: DateTime<Utc>,
    pub template_name: String,
    pub kind: RoundKind,
    pub level: TargetLevel,
    pub ending: Option<Ending>,
    pub dimensions: Vec<DimensionView>,
    /// The scale, strong hire first.
    pub verdicts: Vec<VerdictView>,
    pub phase_times: Vec<PhaseTime>,
    pub phase_notes: Vec<String>,
    /// Whether the round counts as a mock interview by its length, with
    /// the figures the form explains it by.
    pub evidence: RoundEvidence,
    /// A loop's rounds, each scored on its own rubric; empty for a single
    /// round (whose rubric is `dimensions`).
    pub rounds: Vec<RoundForm>,
    /// The design problems a design round can be scored on; the one chosen
    /// sets the weights. Empty when no round of this one is a design round.
    pub problems: Vec<ProblemChoice>,
    /// The principles a loop's round can be marked as having probed.
    pub principles: Vec<PrincipleChoice>,
    /// The design problem the round was started on, if a link named one.
    pub problem: Option<String>,
}

/// One round of a loop on the scoring form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundForm {
    pub label: String,
    pub name: String,
    pub kind: RoundKind,
    pub ran_minutes: u32,
    pub planned_minutes: u32,
    pub dimensions: Vec<DimensionView>,
}

/// A design problem the form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProblemChoice {
    pub id: String,
    pub name: String,
    pub level: TargetLevel,
    pub focus: DesignFocus,
    pub focus_label: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipleChoice {
    pub id: Principle,
    pub name: &'static str,
}

fn is_design(kind: RoundKind) -> bool {
    matches!(kind, RoundKind::SystemDesign | RoundKind::TechnicalStrategy)
}

/// The focus of the bank's design problem `id`, if it names one.
fn focus_of(problem: Option<&str>) -> Option<DesignFocus> {
    problem
        .and_then(|id| crate::problems::bank().design(id))
        .map(|p| p.focus)
}

fn dimension_views(rubric: &[Weighted], level: TargetLevel) -> Vec<DimensionView> {
    rubric
        .iter()
        .map(|w| DimensionView {
            dimension: w.dimension,
            label: w.dimension.label().to_owned(),
            hint: w.dimension.hint().to_owned(),
            weight: w.weight,
            anchors: scoring::anchors(w.dimension, level).cloned(),
        })
        .collect()
}

/// How much of its planned time a round ran, against the rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundEvidence {
    pub full_round: bool,
    pub ran_minutes: u32,
    /// The same to the second, for a round stopped in its first minute.
    pub ran_seconds: u32,
    pub planned_minutes: u32,
    pub share_needed_percent: u32,
}

impl RoundEvidence {
    pub fn of(session: &Session, elapsed_ms: i64) -> Self {
        let minute = session.pace.minute_ms().max(1);
        RoundEvidence {
            full_round: super::engine::is_full_round(elapsed_ms, session.planned_ms()),
            ran_minutes: u32::try_from(elapsed_ms / minute).unwrap_or(0),
            // Rounded up, as the window's clocks show time.
            ran_seconds: u32::try_from((elapsed_ms * 60 + minute - 1) / minute).unwrap_or(0),
            planned_minutes: u32::try_from(session.planned_ms() / minute).unwrap_or(0),
            share_needed_percent: (super::engine::FULL_ROUND_SHARE * 100.0).round() as u32,
        }
    }
}

/// The form for `session` as it stands at `now`, scored at `level`;
/// `rounds` are its rounds when it is a loop.
pub fn score_form(
    session: &Session,
    rounds: &[LoopRound],
    now: DateTime<Utc>,
    level: TargetLevel,
) -> ScoreForm {
    let status = session.status(now);
    let times = session.phase_times(now);
    let minute = session.pace.minute_ms().max(1);
    let in_round = |label: &str, f: fn(&PhaseTime) -> i64| {
        let ms: i64 = times
            .iter()
            .filter(|t| t.round.as_deref() == Some(label))
            .map(f)
            .sum();
        u32::try_from(ms / minute).unwrap_or(0)
    };
    let round_forms: Vec<RoundForm> = rounds
        .iter()
        .map(|r| RoundForm {
            label: r.label.clone(),
            name: r.name.clone(),
            kind: r.kind,
            ran_minutes: in_round(&r.label, |t| t.actual_ms),
            planned_minutes: in_round(&r.label, |t| t.budget_ms),
            dimensions: dimension_views(scoring::rubric(r.kind, level, None), level),
        })
        .collect();
    let designs = is_design(session.template.kind) || rounds.iter().any(|r| is_design(r.kind));
    ScoreForm {
        started_at: session.started_at,
        template_name: session.template.name.clone(),
        kind: session.template.kind,
        level,
        ending: match status.state {
            super::RunState::Finished { ending, .. } => Some(ending),
            _ => None,
        },
        dimensions: if rounds.is_empty() {
            dimension_views(scoring::rubric(session.template.kind, level, None), level)
        } else {
            Vec::new()
        },
        verdicts: (1..=5)
            .rev()
            .filter_map(Verdict::from_value)
            .map(VerdictView::from)
            .collect(),
        phase_notes: phase_notes(&times, session.pace),
        phase_times: times,
        evidence: RoundEvidence::of(session, status.elapsed_ms),
        rounds: round_forms,
        problems: if designs {
            crate::problems::bank()
                .design
                .iter()
                .map(|p| ProblemChoice {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    level: p.level,
                    focus: p.focus,
                    focus_label: p.focus.label(),
                })
                .collect()
        } else {
            Vec::new()
        },
        principles: if rounds.is_empty() {
            Vec::new()
        } else {
            Principle::all()
                .iter()
                .map(|&p| PrincipleChoice {
                    id: p,
                    name: p.name(),
                })
                .collect()
        },
        problem: session.design.clone(),
    }
}

/// The weighted score of a set of scores and the verdict it suggests.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreResult {
    pub weighted_score: f64,
    /// "3.75": what the window prints, rounded here so it never disagrees
    /// with the saved figure.
    pub text: String,
    pub suggested: VerdictView,
}

impl ScoreResult {
    fn of(weighted: f64) -> Self {
        ScoreResult {
            weighted_score: weighted,
            text: format!("{weighted:.2}"),
            suggested: Verdict::suggested(weighted).into(),
        }
    }
}

pub fn score(
    kind: RoundKind,
    level: TargetLevel,
    problem: Option<&str>,
    scores: &[DimensionScore],
) -> Result<ScoreResult, ScoreError> {
    let rubric = scoring::rubric(kind, level, focus_of(problem));
    Ok(ScoreResult::of(scoring::weighted_score(rubric, scores)?))
}

/// What the form shows while it is filled in: the weights the chosen
/// problem sets, and the score once every dimension has one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScorePreview {
    pub weights: Vec<Weighted>,
    pub result: Option<ScoreResult>,
    /// Why there is no score yet ("Score Testing too.").
    pub waiting: Option<String>,
}

pub fn preview(
    kind: RoundKind,
    level: TargetLevel,
    problem: Option<&str>,
    scores: &[DimensionScore],
) -> Result<ScorePreview, ScoreError> {
    let weights = scoring::rubric(kind, level, focus_of(problem)).to_vec();
    match score(kind, level, problem, scores) {
        Ok(result) => Ok(ScorePreview {
            weights,
            result: Some(result),
            waiting: None,
        }),
        Err(e @ ScoreError::Missing(_)) => Ok(ScorePreview {
            weights,
            result: None,
            waiting: Some(e.to_string()),
        }),
        Err(e) => Err(e),
    }
}

/// What the candidate gives for one round of a loop. A round left without
/// scores (one the loop never reached) is not scored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundInput {
    #[serde(default)]
    pub scores: Vec<DimensionScore>,
    #[serde(default)]
    pub problem: Option<String>,
    #[serde(default)]
    pub principles: Vec<Principle>,
}

/// What the scoring form sends.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardInput {
    /// A single round's scores (empty for a loop).
    #[serde(default)]
    pub scores: Vec<DimensionScore>,
    /// The design problem a single design round was on.
    #[serde(default)]
    pub problem: Option<String>,
    /// A loop's rounds, in order.
    #[serde(default)]
    pub rounds: Vec<RoundInput>,
    /// The verdict of a single round; a loop's is derived.
    #[serde(default)]
    pub verdict: u8,
    #[serde(default)]
    pub notes: String,
}

impl CardInput {
    /// The input of a single round.
    pub fn single(scores: Vec<DimensionScore>, verdict: u8, notes: &str) -> Self {
        CardInput {
            scores,
            verdict,
            notes: notes.to_owned(),
            ..CardInput::default()
        }
    }
}

/// One scored round of a loop; saved beside the loop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundCard {
    pub label: String,
    pub name: String,
    pub kind: RoundKind,
    #[serde(default)]
    pub problem: Option<String>,
    pub scores: Vec<DimensionScore>,
    pub weighted_score: f64,
    #[serde(default)]
    pub principles: Vec<Principle>,
}

/// How a round was scored; saved beside the round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreCard {
    pub level: TargetLevel,
    pub scores: Vec<DimensionScore>,
    pub weighted_score: f64,
    pub verdict: Verdict,
    pub notes: String,
    #[serde(default)]
    pub problem: Option<String>,
    /// A loop's rounds that were scored; empty for a single round.
    #[serde(default)]
    pub rounds: Vec<RoundCard>,
}

/// Longest notes accepted, in characters.
pub const MAX_NOTES_CHARS: usize = 10_000;

/// Why scores were refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    #[error(transparent)]
    Score(#[from] ScoreError),
    #[error("{label}: {source}")]
    Round {
        /// Counts from 1, as the form shows rounds.
        position: usize,
        label: String,
        source: ScoreError,
    },
    #[error("Score at least one round of the loop.")]
    NoRound,
    #[error("The loop has {expected} rounds; the form sent {got}.")]
    RoundCount { expected: usize, got: usize },
    #[error("There is no design problem '{0}' in the bank.")]
    UnknownProblem(String),
    #[error("Choose an overall verdict from 1 to 5 (got {0}).")]
    Verdict(u8),
    #[error("Notes are limited to {MAX_NOTES_CHARS} characters.")]
    NotesTooLong,
}

impl CardError {
    /// The form input the error is about, as the scoring form names it.
    pub fn field(&self) -> Option<String> {
        let dimension = |e: &ScoreError| match e {
            ScoreError::OutOfRange { dimension, .. }
            | ScoreError::Missing(dimension)
            | ScoreError::NotInRubric(dimension)
            | ScoreError::Duplicate(dimension) => *dimension,
        };
        let id = |d: Dimension| {
            serde_json::to_value(d)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        };
        match self {
            CardError::Score(e) => Some(format!("score-{}", id(dimension(e)))),
            CardError::Round {
                position, source, ..
            } => Some(format!("round-{position}-score-{}", id(dimension(source)))),
            CardError::UnknownProblem(_) => Some("problem".to_owned()),
            CardError::Verdict(_) => Some("verdict".to_owned()),
            CardError::NotesTooLong => Some("notes".to_owned()),
            CardError::NoRound | CardError::RoundCount { .. } => None,
        }
    }
}

fn known_problem(problem: Option<String>) -> Result<Option<String>, CardError> {
    let problem = problem.filter(|p| !p.trim().is_empty());
    match problem {
        Some(id) if crate::problems::bank().design(&id).is_none() => {
            Err(CardError::UnknownProblem(id))
        }
        other => Ok(other),
    }
}

/// Checks the scores against the round's rubric (each loop round against
/// its own) and builds what is saved. A loop's score is the mean of its
/// scored rounds and its verdict is derived (`scoring::loop_verdict`).
pub fn score_card(
    kind: RoundKind,
    rounds: &[LoopRound],
    level: TargetLevel,
    input: CardInput,
) -> Result<ScoreCard, CardError> {
    let notes = input.notes.trim();
    if notes.chars().count() > MAX_NOTES_CHARS {
        return Err(CardError::NotesTooLong);
    }
    if rounds.is_empty() {
        let problem = known_problem(input.problem)?.filter(|_| is_design(kind));
        let result = score(kind, level, problem.as_deref(), &input.scores)?;
        let verdict =
            Verdict::from_value(input.verdict).ok_or(CardError::Verdict(input.verdict))?;
        return Ok(ScoreCard {
            level,
            scores: input.scores,
            weighted_score: result.weighted_score,
            verdict,
            notes: notes.to_owned(),
            problem,
            rounds: Vec::new(),
        });
    }
    if input.rounds.len() != rounds.len() {
        return Err(CardError::RoundCount {
            expected: rounds.len(),
            got: input.rounds.len(),
        });
    }
    let mut cards = Vec::new();
    for (i, (round, given)) in rounds.iter().zip(input.rounds).enumerate() {
        if given.scores.is_empty() {
            continue;
        }
        let problem = known_problem(given.problem)?.filter(|_| is_design(round.kind));
        let result =
            score(round.kind, level, problem.as_deref(), &given.scores).map_err(|source| {
                CardError::Round {
                    position: i + 1,
                    label: round.label.clone(),
                    source,
                }
            })?;
        let mut principles = given.principles;
        principles.sort();
        principles.dedup();
        cards.push(RoundCard {
            label: round.label.clone(),
            name: round.name.clone(),
            kind: round.kind,
            problem,
            scores: given.scores,
            weighted_score: result.weighted_score,
            principles,
        });
    }
    let verdict = loop_verdict_of(&cards, rounds.len()).ok_or(CardError::NoRound)?;
    Ok(ScoreCard {
        level,
        scores: Vec::new(),
        weighted_score: verdict.average,
        verdict: verdict.verdict,
        notes: notes.to_owned(),
        problem: None,
        rounds: cards,
    })
}

fn loop_verdict_of(cards: &[RoundCard], planned: usize) -> Option<LoopVerdict> {
    let outcomes: Vec<RoundOutcome<'_>> = cards
        .iter()
        .map(|c| RoundOutcome {
            name: &c.name,
            kind: c.kind,
            score: c.weighted_score,
        })
        .collect();
    scoring::loop_verdict(&outcomes, planned)
}

/// The loop's verdict as the form fills in: each round's preview and the
/// verdict of the rounds scored so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoopPreview {
    pub rounds: Vec<ScorePreview>,
    pub verdict: Option<LoopVerdict>,
}

pub fn loop_preview(
    rounds: &[LoopRound],
    level: TargetLevel,
    given: &[RoundInput],
) -> Result<LoopPreview, CardError> {
    let mut previews = Vec::new();
    let mut cards = Vec::new();
    for (i, round) in rounds.iter().enumerate() {
        let input = given.get(i).cloned().unwrap_or_default();
        let problem = known_problem(input.problem)?.filter(|_| is_design(round.kind));
        let p =
            preview(round.kind, level, problem.as_deref(), &input.scores).map_err(|source| {
                CardError::Round {
                    position: i + 1,
                    label: round.label.clone(),
                    source,
                }
            })?;
        if let Some(r) = &p.result {
            cards.push(RoundCard {
                label: round.label.clone(),
                name: round.name.clone(),
                kind: round.kind,
                problem,
                scores: input.scores,
                weighted_score: r.weighted_score,
                principles: Vec::new(),
            });
        }
        previews.push(p);
    }
    Ok(LoopPreview {
        rounds: previews,
        verdict: loop_verdict_of(&cards, rounds.len()),
    })
}

/// One scored round of a loop as the history shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundView {
    pub label: String,
    pub name: String,
    pub kind: RoundKind,
    pub problem_name: Option<String>,
    pub scores: Vec<DimensionScore>,
    pub weighted_text: String,
    pub verdict: VerdictView,
    pub principles: Vec<&'static str>,
}

/// A saved score card as the history shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreView {
    pub level: TargetLevel,
    pub scores: Vec<DimensionScore>,
    pub weighted_score: f64,
    pub weighted_text: String,
    pub verdict: VerdictView,
    pub notes: String,
    pub problem_name: Option<String>,
    pub rounds: Vec<RoundView>,
    /// For a loop: how its verdict follows from the rounds.
    pub loop_verdict: Option<LoopVerdict>,
}

fn problem_name(id: Option<&str>) -> Option<String> {
    id.and_then(|id| crate::problems::bank().design(id))
        .map(|p| p.name.clone())
}

impl ScoreView {
    /// `planned` is how many rounds the loop has (0 for a single round).
    pub fn of(card: ScoreCard, planned: usize) -> Self {
        let loop_verdict = loop_verdict_of(&card.rounds, planned.max(card.rounds.len()));
        ScoreView {
            level: card.level,
            weighted_text: format!("{:.2}", card.weighted_score),
            weighted_score: card.weighted_score,
            scores: card.scores,
            verdict: card.verdict.into(),
            notes: card.notes,
            problem_name: problem_name(card.problem.as_deref()),
            rounds: card
                .rounds
                .into_iter()
                .map(|r| RoundView {
                    problem_name: problem_name(r.problem.as_deref()),
                    weighted_text: format!("{:.2}", r.weighted_score),
                    verdict: Verdict::suggested(r.weighted_score).into(),
                    principles: r.principles.iter().map(|p| p.name()).collect(),
                    label: r.label,
                    name: r.name,
                    kind: r.kind,
                    scores: r.scores,
                })
                .collect(),
            loop_verdict,
        }
    }
}

/// One ended round in the history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MockRecord {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub template_id: String,
    pub template_name: String,
    pub kind: RoundKind,
    pub ending: Ending,
    pub elapsed_ms: i64,
    pub phase_times: Vec<PhaseTime>,
    pub phase_notes: Vec<String>,
    /// `None` until the round is scored.
    pub score: Option<ScoreView>,
    /// It counts as a mock interview (see `engine::FULL_ROUND_SHARE`);
    /// otherwise it is partial.
    pub full_round: bool,
    /// Counted because the candidate said so, not by its length.
    pub confirmed_full: bool,
}

/// A phase's difference from its budget in whole template minutes, to the
/// nearest minute.
fn overrun_minutes(time: &PhaseTime, pace: Pace) -> i64 {
    let minute = pace.minute_ms().max(1);
    let over = time.overrun_ms();
    // Round half away from zero, in integers.
    (over + over.signum() * minute / 2) / minute
}

/// "Requirements overran by 4 min", "Deep dive ended 3 min early": one line
/// per phase that was reached and differs from its budget by a minute or
/// more. Phases a stopped round never reached are not mentioned.
pub fn phase_notes(times: &[PhaseTime], pace: Pace) -> Vec<String> {
    times
        .iter()
        .filter(|t| t.actual_ms > 0)
        .filter_map(|t| match overrun_minutes(t, pace) {
            0 => None,
            m if m > 0 => Some(format!("{} overran by {m} min", t.name)),
            m => Some(format!("{} ended {} min early", t.name, -m)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timer::templates::{Phase, Template, TemplateId};
    use chrono::TimeZone;

    fn t(name: &str, budget_min: i64, actual_ms: i64) -> PhaseTime {
        PhaseTime {
            name: name.into(),
            round: None,
            budget_ms: budget_min * 60_000,
            actual_ms,
        }
    }

    #[test]
    fn overruns_and_early_ends_are_told_in_whole_minutes() {
        let notes = phase_notes(
            &[
                t("Requirements", 8, 12 * 60_000),
                t("Design", 20, 17 * 60_000 + 10_000),
                t("Wrap-up", 3, 3 * 60_000 + 20_000),
            ],
            Pace::REAL,
        );
        assert_eq!(
            notes,
            ["Requirements overran by 4 min", "Design ended 3 min early"]
        );
    }

    #[test]
    fn phases_never_reached_are_not_mentioned() {
        assert!(phase_notes(&[t("Questions", 5, 0)], Pace::REAL).is_empty());
    }

    #[test]
    fn a_fast_pace_speaks_in_template_minutes() {
        let pace = Pace::from_minute_ms(1000).unwrap();
        let time = PhaseTime {
            name: "Story".into(),
            round: None,
            budget_ms: 1000,
            actual_ms: 6000,
        };
        assert_eq!(phase_notes(&[time], pace), ["Story overran by 5 min"]);
    }

    #[test]
    fn half_a_minute_rounds_away_from_zero() {
        assert_eq!(
            phase_notes(&[t("A", 5, 5 * 60_000 + 30_000)], Pace::REAL),
            ["A overran by 1 min"]
        );
        assert!(phase_notes(&[t("A", 5, 5 * 60_000 + 29_999)], Pace::REAL).is_empty());
    }

    fn round() -> Template {
        Template {
            id: TemplateId("drill".into()),
            name: "Drill".into(),
            kind: RoundKind::Coding,
            phases: vec![
                Phase {
                    name: "Code".into(),
                    minutes: 10,
                    round: None,
                },
                Phase {
                    name: "Test".into(),
                    minutes: 5,
                    round: None,
                },
            ],
        }
    }

    #[test]
    fn the_form_of_a_stopped_round_has_its_rubric_scale_and_overruns() {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let mut s = Session::start(round(), t0, Pace::REAL).unwrap();
        s.add_minutes(5, t0).unwrap();
        s.stop(t0 + chrono::Duration::minutes(14)).unwrap();
        let form = score_form(&s, &[], t0 + chrono::Duration::hours(1), TargetLevel::L6);
        assert_eq!(form.ending, Some(Ending::Stopped));
        assert_eq!(form.dimensions.len(), 4);
        assert_eq!(form.dimensions[0].label, "Problem solving");
        assert_eq!(form.verdicts[0].label, "Strong hire");
        assert_eq!(form.verdicts[4].value, 1);
        assert_eq!(form.phase_notes, ["Code overran by 4 min"]);
    }

    #[test]
    fn a_card_needs_every_dimension_and_a_verdict_on_the_scale() {
        let scores: Vec<DimensionScore> = scoring::rubric(RoundKind::Coding, TargetLevel::L6, None)
            .iter()
            .map(|w| DimensionScore {
                dimension: w.dimension,
                score: 4,
            })
            .collect();
        let card = score_card(
            RoundKind::Coding,
            &[],
            TargetLevel::L6,
            CardInput::single(scores.clone(), 4, "  fine "),
        )
        .unwrap();
        assert_eq!(card.weighted_score, 4.0);
        assert_eq!(card.verdict, Verdict::Hire);
        assert_eq!(card.notes, "fine");
        assert_eq!(
            score_card(
                RoundKind::Coding,
                &[],
                TargetLevel::L6,
                CardInput::single(scores.clone(), 6, "")
            ),
            Err(CardError::Verdict(6))
        );
        assert!(matches!(
            score_card(
                RoundKind::Coding,
                &[],
                TargetLevel::L6,
                CardInput::single(scores[1..].to_vec(), 4, "")
            ),
            Err(CardError::Score(ScoreError::Missing(_)))
        ));
    }

    #[test]
    fn the_score_is_printed_with_two_decimals_and_suggests_a_verdict() {
        let r = scoring::rubric(RoundKind::Behavioral, TargetLevel::L7, None);
        let scores: Vec<DimensionScore> = r
            .iter()
            .zip([5, 4, 3, 3])
            .map(|(w, score)| DimensionScore {
                dimension: w.dimension,
                score,
            })
            .collect();
        let result = score(RoundKind::Behavioral, TargetLevel::L7, None, &scores).unwrap();
        assert_eq!(result.text, "3.75");
        assert_eq!(result.suggested.verdict, Verdict::Hire);
    }

    fn all_at(kind: RoundKind, level: TargetLevel, score: u8) -> Vec<DimensionScore> {
        scoring::rubric(kind, level, None)
            .iter()
            .map(|w| DimensionScore {
                dimension: w.dimension,
                score,
            })
            .collect()
    }

    fn l7_loop() -> (Template, Vec<LoopRound>) {
        let t = crate::timer::templates::builtin_by_id("loop-l7")
            .unwrap()
            .unwrap();
        let rounds = crate::timer::templates::loop_rounds(&t).unwrap();
        (t, rounds)
    }

    #[test]
    fn a_loop_is_scored_round_by_round_and_its_verdict_is_derived() {
        let (t, rounds) = l7_loop();
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let s = Session::start(t, t0, Pace::REAL).unwrap();
        let form = score_form(
            &s,
            &rounds,
            t0 + chrono::Duration::hours(9),
            TargetLevel::L7,
        );
        assert!(
            form.dimensions.is_empty(),
            "no one overall score for a loop"
        );
        assert_eq!(form.rounds.len(), 6);
        assert_eq!(form.rounds[0].planned_minutes, 90);
        assert_eq!(form.rounds[0].dimensions[1].label, "Multi-tenancy");
        assert_eq!(form.principles.len(), 16);
        assert!(form.problems.iter().any(|p| p.id == "payment-processing"));

        let mut inputs: Vec<RoundInput> = rounds
            .iter()
            .map(|r| RoundInput {
                scores: all_at(r.kind, TargetLevel::L7, 4),
                problem: None,
                principles: vec![
                    Principle::Ownership,
                    Principle::ThinkBig,
                    Principle::Ownership,
                ],
            })
            .collect();
        inputs[0].problem = Some("payment-processing".into());
        inputs[4].scores = all_at(RoundKind::BarRaiser, TargetLevel::L7, 2);
        let card = score_card(
            RoundKind::Loop,
            &rounds,
            TargetLevel::L7,
            CardInput {
                rounds: inputs.clone(),
                verdict: 5, // ignored: a loop's verdict is derived
                ..CardInput::default()
            },
        )
        .unwrap();
        assert_eq!(card.rounds.len(), 6);
        assert_eq!(
            card.rounds[0].problem.as_deref(),
            Some("payment-processing")
        );
        assert_eq!(
            card.rounds[0].principles,
            [Principle::Ownership, Principle::ThinkBig]
        );
        assert!((card.weighted_score - (5.0 * 4.0 + 2.0) / 6.0).abs() < 1e-9);
        assert_eq!(card.verdict, Verdict::NoHire, "the bar raiser vetoes");
        let view = ScoreView::of(card, rounds.len());
        assert_eq!(view.rounds[4].verdict.verdict, Verdict::NoHire);
        assert_eq!(
            view.rounds[0].problem_name.as_deref(),
            Some("Global payment processing platform")
        );
        assert!(view
            .loop_verdict
            .unwrap()
            .reasons
            .iter()
            .any(|r| r.contains("veto")));

        // A round's refusal names the round and the dimension.
        inputs[1].scores.pop();
        let err = score_card(
            RoundKind::Loop,
            &rounds,
            TargetLevel::L7,
            CardInput {
                rounds: inputs,
                ..CardInput::default()
            },
        )
        .unwrap_err();
        assert!(err
            .to_string()
            .starts_with("Round 2 of 6 · Technical strategy 60: Score"));
        assert_eq!(err.field().as_deref(), Some("round-2-score-communication"));
    }

    #[test]
    fn a_loop_needs_one_scored_round_and_skips_the_rest() {
        let (_, rounds) = l7_loop();
        let mut inputs = vec![RoundInput::default(); 6];
        let none = CardInput {
            rounds: inputs.clone(),
            ..CardInput::default()
        };
        assert_eq!(
            score_card(RoundKind::Loop, &rounds, TargetLevel::L7, none),
            Err(CardError::NoRound)
        );
        inputs[0].scores = all_at(RoundKind::SystemDesign, TargetLevel::L7, 5);
        let card = score_card(
            RoundKind::Loop,
            &rounds,
            TargetLevel::L7,
            CardInput {
                rounds: inputs,
                ..CardInput::default()
            },
        )
        .unwrap();
        assert_eq!(card.rounds.len(), 1);
        let view = ScoreView::of(card, 6);
        assert!(view.loop_verdict.unwrap().reasons[1].contains("Only 1 of the loop's 6"));
    }

    #[test]
    fn the_problem_sets_the_weights_of_a_design_score() {
        let level = TargetLevel::L7;
        let mut scores = all_at(RoundKind::SystemDesign, level, 3);
        scores[1].score = 1; // multi-tenancy
        let plain = score(RoundKind::SystemDesign, level, None, &scores).unwrap();
        let payments = score(
            RoundKind::SystemDesign,
            level,
            Some("payment-processing"),
            &scores,
        )
        .unwrap();
        let saas = score(
            RoundKind::SystemDesign,
            level,
            Some("multi-tenant-saas"),
            &scores,
        )
        .unwrap();
        assert!(payments.weighted_score > plain.weighted_score);
        assert_eq!(saas.weighted_score, plain.weighted_score);
        let p = preview(
            RoundKind::SystemDesign,
            level,
            Some("payment-processing"),
            &scores[..2],
        )
        .unwrap();
        assert_eq!(p.weights[1].weight, 5);
        assert!(p.result.is_none() && p.waiting.is_some());
        assert_eq!(
            score_card(
                RoundKind::SystemDesign,
                &[],
                level,
                CardInput {
                    problem: Some("no-such".into()),
                    ..CardInput::single(scores, 3, "")
                }
            )
            .unwrap_err()
            .field()
            .as_deref(),
            Some("problem")
        );
    }
}
