//! After a round: the scoring form it gets, the weighted score and suggested
//! verdict, what is kept once it is scored, and the plain sentences about
//! phases that ran over or ended early ("Requirements overran by 4 min").
//! Pure: the session, the level and the scores come in as arguments.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::engine::{Ending, Pace, PhaseTime, Session};
use super::scoring::{self, Dimension, DimensionScore, ScoreError, Verdict};
use super::templates::RoundKind;
use crate::plan::profile::TargetLevel;

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
}

/// How much of its planned time a round ran, against the rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundEvidence {
    pub full_round: bool,
    pub ran_minutes: u32,
    pub planned_minutes: u32,
    pub share_needed_percent: u32,
}

impl RoundEvidence {
    pub fn of(session: &Session, elapsed_ms: i64) -> Self {
        let minute = session.pace.minute_ms().max(1);
        RoundEvidence {
            full_round: super::engine::is_full_round(elapsed_ms, session.planned_ms()),
            ran_minutes: u32::try_from(elapsed_ms / minute).unwrap_or(0),
            planned_minutes: u32::try_from(session.planned_ms() / minute).unwrap_or(0),
            share_needed_percent: (super::engine::FULL_ROUND_SHARE * 100.0).round() as u32,
        }
    }
}

/// The form for `session` as it stands at `now`, scored at `level`.
pub fn score_form(session: &Session, now: DateTime<Utc>, level: TargetLevel) -> ScoreForm {
    let status = session.status(now);
    let times = session.phase_times(now);
    ScoreForm {
        started_at: session.started_at,
        template_name: session.template.name.clone(),
        kind: session.template.kind,
        level,
        ending: match status.state {
            super::RunState::Finished { ending, .. } => Some(ending),
            _ => None,
        },
        dimensions: scoring::rubric(session.template.kind, level)
            .iter()
            .map(|w| DimensionView {
                dimension: w.dimension,
                label: w.dimension.label().to_owned(),
                hint: w.dimension.hint().to_owned(),
                weight: w.weight,
                anchors: scoring::anchors(w.dimension, level).cloned(),
            })
            .collect(),
        verdicts: (1..=5)
            .rev()
            .filter_map(Verdict::from_value)
            .map(VerdictView::from)
            .collect(),
        phase_notes: phase_notes(&times, session.pace),
        phase_times: times,
        evidence: RoundEvidence::of(session, status.elapsed_ms),
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

pub fn score(
    kind: RoundKind,
    level: TargetLevel,
    scores: &[DimensionScore],
) -> Result<ScoreResult, ScoreError> {
    let weighted = scoring::weighted_score(scoring::rubric(kind, level), scores)?;
    Ok(ScoreResult {
        weighted_score: weighted,
        text: format!("{weighted:.2}"),
        suggested: Verdict::suggested(weighted).into(),
    })
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
}

/// Longest notes accepted, in characters.
pub const MAX_NOTES_CHARS: usize = 10_000;

/// Why scores were refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    #[error(transparent)]
    Score(#[from] ScoreError),
    #[error("Choose an overall verdict from 1 to 5 (got {0}).")]
    Verdict(u8),
    #[error("Notes are limited to {MAX_NOTES_CHARS} characters.")]
    NotesTooLong,
}

/// Checks the scores against the round's rubric and builds what is saved.
pub fn score_card(
    kind: RoundKind,
    level: TargetLevel,
    scores: Vec<DimensionScore>,
    verdict: u8,
    notes: &str,
) -> Result<ScoreCard, CardError> {
    let result = score(kind, level, &scores)?;
    let verdict = Verdict::from_value(verdict).ok_or(CardError::Verdict(verdict))?;
    let notes = notes.trim();
    if notes.chars().count() > MAX_NOTES_CHARS {
        return Err(CardError::NotesTooLong);
    }
    Ok(ScoreCard {
        level,
        scores,
        weighted_score: result.weighted_score,
        verdict,
        notes: notes.to_owned(),
    })
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
}

impl From<ScoreCard> for ScoreView {
    fn from(card: ScoreCard) -> Self {
        ScoreView {
            level: card.level,
            weighted_text: format!("{:.2}", card.weighted_score),
            weighted_score: card.weighted_score,
            scores: card.scores,
            verdict: card.verdict.into(),
            notes: card.notes,
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
        let form = score_form(&s, t0 + chrono::Duration::hours(1), TargetLevel::L6);
        assert_eq!(form.ending, Some(Ending::Stopped));
        assert_eq!(form.dimensions.len(), 4);
        assert_eq!(form.dimensions[0].label, "Problem solving");
        assert_eq!(form.verdicts[0].label, "Strong hire");
        assert_eq!(form.verdicts[4].value, 1);
        assert_eq!(form.phase_notes, ["Code overran by 4 min"]);
    }

    #[test]
    fn a_card_needs_every_dimension_and_a_verdict_on_the_scale() {
        let scores: Vec<DimensionScore> = scoring::rubric(RoundKind::Coding, TargetLevel::L6)
            .iter()
            .map(|w| DimensionScore {
                dimension: w.dimension,
                score: 4,
            })
            .collect();
        let card = score_card(
            RoundKind::Coding,
            TargetLevel::L6,
            scores.clone(),
            4,
            "  fine ",
        )
        .unwrap();
        assert_eq!(card.weighted_score, 4.0);
        assert_eq!(card.verdict, Verdict::Hire);
        assert_eq!(card.notes, "fine");
        assert_eq!(
            score_card(RoundKind::Coding, TargetLevel::L6, scores.clone(), 6, ""),
            Err(CardError::Verdict(6))
        );
        assert!(matches!(
            score_card(
                RoundKind::Coding,
                TargetLevel::L6,
                scores[1..].to_vec(),
                4,
                ""
            ),
            Err(CardError::Score(ScoreError::Missing(_)))
        ));
    }

    #[test]
    fn the_score_is_printed_with_two_decimals_and_suggests_a_verdict() {
        let r = scoring::rubric(RoundKind::Behavioral, TargetLevel::L7);
        let scores: Vec<DimensionScore> = r
            .iter()
            .zip([5, 4, 3, 3])
            .map(|(w, score)| DimensionScore {
                dimension: w.dimension,
                score,
            })
            .collect();
        let result = score(RoundKind::Behavioral, TargetLevel::L7, &scores).unwrap();
        assert_eq!(result.text, "3.75");
        assert_eq!(result.suggested.verdict, Verdict::Hire);
    }
}
