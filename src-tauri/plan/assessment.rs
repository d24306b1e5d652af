//! The 20-item self-assessment: its items (data in `plans/self-assessment.toml`),
//! scoring into section bands and an overall band with its suggested plan,
//! the weakest items and sections (which become the schedule's weak
//! categories), and when to retake it.

use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::catalog::{Category, PlanId};
use super::profile::Track;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Technical,
    Leadership,
    LeadershipPrinciples,
}

impl Section {
    pub const ALL: [Section; 3] = [
        Section::Technical,
        Section::Leadership,
        Section::LeadershipPrinciples,
    ];

    /// Minimum scores for strong, good and needs-work.
    fn thresholds(self) -> (u32, u32, u32) {
        match self {
            Section::Technical => (32, 24, 16),
            Section::Leadership | Section::LeadershipPrinciples => (24, 18, 12),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentItem {
    pub id: String,
    pub section: Section,
    /// The schedule category a low score here makes "weak".
    pub category: Category,
    pub prompt: String,
    #[serde(default)]
    pub prompt_ic: Option<String>,
    /// What answers 1 to 5 look like.
    pub levels: [String; 5],
    #[serde(default)]
    pub levels_ic: Option<[String; 5]>,
}

impl AssessmentItem {
    pub fn prompt_for(&self, track: Track) -> &str {
        match (track, &self.prompt_ic) {
            (Track::Ic, Some(p)) => p,
            _ => &self.prompt,
        }
    }

    pub fn levels_for(&self, track: Track) -> &[String; 5] {
        match (track, &self.levels_ic) {
            (Track::Ic, Some(l)) => l,
            _ => &self.levels,
        }
    }
}

#[derive(Deserialize)]
struct ItemsFile {
    items: Vec<AssessmentItem>,
}

/// The items in order (8 technical, 6 leadership, 6 principles).
pub fn items() -> &'static [AssessmentItem] {
    static ITEMS: OnceLock<Vec<AssessmentItem>> = OnceLock::new();
    ITEMS.get_or_init(|| {
        toml::from_str::<ItemsFile>(include_str!("plans/self-assessment.toml"))
            .map(|f| f.items)
            .unwrap_or_else(|e| {
                panic!("embedded self-assessment is invalid (checked by the assessment tests): {e}")
            })
    })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
    #[error("The assessment has {expected} answers; got {got}.")]
    WrongCount { expected: usize, got: usize },
    #[error("Answer {item} must be between 1 and 5 (got {value}).")]
    OutOfRange { item: usize, value: u8 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionBand {
    /// Below the needs-work threshold.
    Critical,
    NeedsWork,
    Good,
    Strong,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Readiness {
    /// Under 55: 16+ weeks.
    Extensive,
    /// 55-69: 8-16 weeks.
    Significant,
    /// 70-84: 4-8 weeks.
    NearlyReady,
    /// 85-100: book the interview in 1-2 weeks; polish with 3-4 full mocks.
    Ready,
}

impl Readiness {
    pub fn from_total(total: u32) -> Readiness {
        match total {
            85.. => Readiness::Ready,
            70..=84 => Readiness::NearlyReady,
            55..=69 => Readiness::Significant,
            _ => Readiness::Extensive,
        }
    }

    /// What the band means for the candidate, naming its suggested plan
    /// as the catalog names it.
    pub fn advice(self) -> String {
        let plan = super::catalog::catalog()
            .plan(self.suggested_plan())
            .map_or_else(String::new, |p| format!(" (the {} plan)", p.name));
        match self {
            Readiness::Ready => {
                "Ready: book the interview within 1-2 weeks; polish with 3-4 full mocks.".into()
            }
            Readiness::NearlyReady => {
                format!("Nearly ready: about 4-8 weeks of preparation{plan}.")
            }
            Readiness::Significant => {
                format!("Needs significant preparation: about 8-16 weeks{plan}.")
            }
            Readiness::Extensive => format!("Needs extensive preparation: 16+ weeks{plan}."),
        }
    }

    pub fn suggested_plan(self) -> PlanId {
        match self {
            Readiness::Ready => PlanId::Emergency2w,
            Readiness::NearlyReady => PlanId::Intensive6w,
            Readiness::Significant => PlanId::Comprehensive12w,
            Readiness::Extensive => PlanId::Mastery6m,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemScore {
    pub id: String,
    pub prompt: String,
    pub score: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionResult {
    pub section: Section,
    pub score: u32,
    pub max: u32,
    pub band: SectionBand,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentResult {
    pub total: u32,
    pub sections: Vec<SectionResult>,
    pub readiness: Readiness,
    pub suggested_plan: PlanId,
    /// Items scored 2 or less, or the lowest-scored ones when none is.
    pub weakest_items: Vec<ItemScore>,
    /// Sections below good, or the lowest-scored ones when none is.
    pub weakest_sections: Vec<Section>,
    /// Schedule categories to give the gaps' share of practice time
    /// (`schedule::GAP_SHARE`), from the weak items and sections.
    pub weak_categories: Vec<Category>,
    /// The reference's bar for aiming at L7 ([`L7_MIN_TOTAL`]).
    pub l7_advisable: bool,
}

/// Scores 20 answers (1-5, in item order).
pub fn score(answers: &[u8]) -> Result<AssessmentResult, AssessmentError> {
    let items = items();
    if answers.len() != items.len() {
        return Err(AssessmentError::WrongCount {
            expected: items.len(),
            got: answers.len(),
        });
    }
    if let Some((i, &v)) = answers
        .iter()
        .enumerate()
        .find(|(_, v)| !(1..=5).contains(*v))
    {
        return Err(AssessmentError::OutOfRange {
            item: i + 1,
            value: v,
        });
    }
    let total: u32 = answers.iter().map(|&a| u32::from(a)).sum();
    let sections: Vec<SectionResult> = Section::ALL
        .into_iter()
        .map(|section| {
            let (score, count) = items
                .iter()
                .zip(answers)
                .filter(|(it, _)| it.section == section)
                .fold((0, 0), |(s, c), (_, &a)| (s + u32::from(a), c + 1));
            let (strong, good, needs) = section.thresholds();
            let band = match score {
                s if s >= strong => SectionBand::Strong,
                s if s >= good => SectionBand::Good,
                s if s >= needs => SectionBand::NeedsWork,
                _ => SectionBand::Critical,
            };
            SectionResult {
                section,
                score,
                max: count * 5,
                band,
            }
        })
        .collect();
    let lowest = answers.iter().copied().min().unwrap_or(1);
    let weak_cut = if lowest <= 2 { 2 } else { lowest };
    let weakest_items: Vec<ItemScore> = items
        .iter()
        .zip(answers)
        .filter(|(_, &a)| a <= weak_cut)
        .map(|(it, &a)| ItemScore {
            id: it.id.clone(),
            prompt: it.prompt.clone(),
            score: a,
        })
        .collect();
    let below_good: Vec<Section> = sections
        .iter()
        .filter(|s| s.band < SectionBand::Good)
        .map(|s| s.section)
        .collect();
    let weakest_sections = if below_good.is_empty() {
        let ratio = |s: &SectionResult| s.score * 60 / s.max.max(1);
        let min = sections.iter().map(ratio).min().unwrap_or(0);
        sections
            .iter()
            .filter(|s| ratio(s) == min)
            .map(|s| s.section)
            .collect()
    } else {
        below_good
    };
    let mut weak_categories: Vec<Category> = items
        .iter()
        .zip(answers)
        .filter(|(it, &a)| a <= 2 || below_good_section(&sections, it.section))
        .map(|(it, _)| it.category)
        .collect();
    weak_categories.sort();
    weak_categories.dedup();
    let readiness = Readiness::from_total(total);
    let cross_team = items
        .iter()
        .zip(answers)
        .any(|(it, &a)| it.id == "cross-team-influence" && a >= 4);
    Ok(AssessmentResult {
        total,
        sections,
        readiness,
        suggested_plan: readiness.suggested_plan(),
        weakest_items,
        weakest_sections,
        weak_categories,
        l7_advisable: total >= L7_MIN_TOTAL && cross_team,
    })
}

fn below_good_section(sections: &[SectionResult], section: Section) -> bool {
    sections
        .iter()
        .any(|s| s.section == section && s.band < SectionBand::Good)
}

/// The reference's bar for aiming at L7: this total, with cross-team
/// leadership answered 4 or more.
pub const L7_MIN_TOTAL: u32 = 80;
/// Weeks between retakes, and in the final phase (its last weeks).
pub const RETAKE_WEEKS: u64 = 4;
pub const FINAL_RETAKE_WEEKS: u64 = 2;
pub const FINAL_PHASE_WEEKS: u64 = 4;

/// What the Assessment view says of the test, with the numbers it runs on.
pub fn about() -> String {
    format!(
        "{} questions, 1 to 5 each. Be honest: the score sets how your plan spends its time. \
         Retake it every {RETAKE_WEEKS} weeks, every {FINAL_RETAKE_WEEKS} in the last \
         {FINAL_PHASE_WEEKS} weeks before the interview.",
        items().len()
    )
}

/// The heading over the weakest areas, with the share of practice time
/// the schedule gives their categories.
pub fn weak_heading() -> String {
    format!(
        "Weakest areas (their categories get {:.0}% of your practice time)",
        super::schedule::GAP_SHARE * 100.0
    )
}

/// What the result says when it does not support aiming at L7.
pub fn l7_bar() -> String {
    format!(
        "The usual bar for aiming at L7 is {L7_MIN_TOTAL}+ with experience leading across several teams."
    )
}

/// When to retake: [`RETAKE_WEEKS`] after the last one, every
/// [`FINAL_RETAKE_WEEKS`] in the final phase (the last
/// [`FINAL_PHASE_WEEKS`] before the interview), and the first retake of the
/// final phase on the day it begins. Never after the interview.
pub fn next_assessment_due(last: NaiveDate, interview: NaiveDate) -> NaiveDate {
    let final_phase = interview
        .checked_sub_days(Days::new(FINAL_PHASE_WEEKS * 7))
        .unwrap_or(interview);
    let due = if last >= final_phase {
        last.checked_add_days(Days::new(FINAL_RETAKE_WEEKS * 7))
    } else {
        last.checked_add_days(Days::new(RETAKE_WEEKS * 7))
            .map(|d| d.min(final_phase))
    }
    .unwrap_or(last);
    let latest = interview.pred_opt().unwrap_or(interview);
    let earliest = last.succ_opt().unwrap_or(last);
    due.min(latest).max(earliest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn has_twenty_items_in_three_sections_of_eight_six_six() {
        let count = |s| items().iter().filter(|i| i.section == s).count();
        assert_eq!(items().len(), 20);
        assert_eq!(
            (
                count(Section::Technical),
                count(Section::Leadership),
                count(Section::LeadershipPrinciples)
            ),
            (8, 6, 6)
        );
    }

    #[test]
    fn every_item_describes_all_five_answers_for_both_tracks() {
        for item in items() {
            for track in [Track::Manager, Track::Ic] {
                assert!(
                    item.levels_for(track).iter().all(|l| !l.trim().is_empty()),
                    "{}",
                    item.id
                );
            }
        }
        let ic_worded = items().iter().filter(|i| i.levels_ic.is_some()).count();
        assert!(ic_worded >= 2, "leadership items need IC wording");
        let hiring = items()
            .iter()
            .find(|i| i.id == "hiring-developing")
            .unwrap();
        assert_eq!(
            hiring.prompt_for(Track::Ic),
            "Mentoring and raising the bar"
        );
    }

    #[test]
    fn all_fives_is_ready_with_strong_sections() {
        let r = score(&[5; 20]).unwrap();
        assert_eq!(r.total, 100);
        assert_eq!(r.readiness, Readiness::Ready);
        assert!(r.sections.iter().all(|s| s.band == SectionBand::Strong));
        assert!(r.weak_categories.is_empty());
    }

    #[test]
    fn band_boundaries_follow_the_reference() {
        assert_eq!(Readiness::from_total(85), Readiness::Ready);
        assert_eq!(Readiness::from_total(84), Readiness::NearlyReady);
        assert_eq!(Readiness::from_total(70), Readiness::NearlyReady);
        assert_eq!(Readiness::from_total(69), Readiness::Significant);
        assert_eq!(Readiness::from_total(55), Readiness::Significant);
        assert_eq!(Readiness::from_total(54), Readiness::Extensive);
        assert_eq!(Readiness::NearlyReady.suggested_plan(), PlanId::Intensive6w);
        assert_eq!(
            Readiness::Significant.suggested_plan(),
            PlanId::Comprehensive12w
        );
        assert_eq!(Readiness::Extensive.suggested_plan(), PlanId::Mastery6m);
    }

    #[test]
    fn section_bands_use_section_thresholds() {
        // technical 8 items x 4 = 32 strong; leadership 6 x 3 = 18 good; LP 6 x 2 = 12 needs work
        let mut answers = vec![4; 8];
        answers.extend([3; 6]);
        answers.extend([2; 6]);
        let r = score(&answers).unwrap();
        let bands: Vec<_> = r.sections.iter().map(|s| s.band).collect();
        assert_eq!(
            bands,
            vec![
                SectionBand::Strong,
                SectionBand::Good,
                SectionBand::NeedsWork
            ]
        );
        assert_eq!(r.weakest_sections, vec![Section::LeadershipPrinciples]);
        assert_eq!(r.weak_categories, vec![Category::LeadershipPrinciples]);
    }

    #[test]
    fn weakest_items_are_named() {
        let mut answers = vec![4; 20];
        answers[1] = 1;
        let r = score(&answers).unwrap();
        assert_eq!(r.weakest_items.len(), 1);
        assert_eq!(r.weakest_items[0].id, "coding-speed");
        assert_eq!(r.weak_categories, vec![Category::Coding]);
    }

    #[test]
    fn wrong_number_of_answers_is_refused() {
        assert_eq!(
            score(&[3; 19]),
            Err(AssessmentError::WrongCount {
                expected: 20,
                got: 19
            })
        );
    }

    #[test]
    fn answer_outside_one_to_five_is_refused() {
        let mut answers = vec![3; 20];
        answers[4] = 6;
        assert_eq!(
            score(&answers),
            Err(AssessmentError::OutOfRange { item: 5, value: 6 })
        );
        answers[4] = 0;
        assert_eq!(
            score(&answers),
            Err(AssessmentError::OutOfRange { item: 5, value: 0 })
        );
    }

    #[test]
    fn retake_is_due_four_weeks_later_before_the_final_phase() {
        assert_eq!(
            next_assessment_due(d(2026, 1, 1), d(2026, 6, 1)),
            d(2026, 1, 29)
        );
    }

    #[test]
    fn retake_is_due_every_two_weeks_in_the_final_phase() {
        assert_eq!(
            next_assessment_due(d(2026, 5, 10), d(2026, 6, 1)),
            d(2026, 5, 24)
        );
    }

    #[test]
    fn first_retake_of_the_final_phase_is_when_it_begins() {
        // final phase starts 2026-05-04; four weeks after 04-20 would be 05-18
        assert_eq!(
            next_assessment_due(d(2026, 4, 20), d(2026, 6, 1)),
            d(2026, 5, 4)
        );
    }

    #[test]
    fn retake_is_never_after_the_interview() {
        assert_eq!(
            next_assessment_due(d(2026, 5, 28), d(2026, 6, 1)),
            d(2026, 5, 31)
        );
    }
}
