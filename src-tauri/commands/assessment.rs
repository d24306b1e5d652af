//! The self-assessment: its questions for the user's track, taking it, and
//! its history.

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;

use super::{today, AppState};
use crate::error::{AppError, AppResult};
use crate::plan::assessment::{self, AssessmentResult, Readiness, Section};
use crate::plan::profile::Track;
use crate::store::{self, plan::AssessmentRecord};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    pub id: String,
    pub section: Section,
    pub prompt: String,
    pub levels: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PastAssessment {
    #[serde(flatten)]
    pub record: AssessmentRecord,
    pub result: Option<AssessmentResult>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentForm {
    pub questions: Vec<Question>,
    pub history: Vec<PastAssessment>,
    pub next_due: Option<NaiveDate>,
    pub words: Words,
}

/// What the view says around the questions, worded where its numbers live.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Words {
    pub about: String,
    pub weak_heading: String,
    pub l7_bar: String,
    /// Each band's advice, by band.
    pub readiness: std::collections::BTreeMap<Readiness, String>,
}

impl Words {
    fn new() -> Words {
        use Readiness::*;
        Words {
            about: assessment::about(),
            weak_heading: assessment::weak_heading(),
            l7_bar: assessment::l7_bar(),
            readiness: [Ready, NearlyReady, Significant, Extensive]
                .into_iter()
                .map(|r| (r, r.advice()))
                .collect(),
        }
    }
}

/// The 20 questions worded for the profile's track, and past results.
#[tauri::command]
pub fn assessment_form(state: State<'_, AppState>) -> AppResult<AssessmentForm> {
    let store = state.store()?;
    let profile = store::profile::get(&store)?;
    let track = profile.as_ref().map(|p| p.track).unwrap_or(Track::Ic);
    let questions = assessment::items()
        .iter()
        .map(|i| Question {
            id: i.id.clone(),
            section: i.section,
            prompt: i.prompt_for(track).to_owned(),
            levels: i.levels_for(track).to_vec(),
        })
        .collect();
    let history: Vec<PastAssessment> = store::plan::assessments(&store)?
        .into_iter()
        .map(|record| PastAssessment {
            result: assessment::score(&record.answers).ok(),
            record,
        })
        .collect();
    let next_due = match (history.first(), &profile) {
        (Some(last), Some(p)) => Some(assessment::next_assessment_due(
            last.record.taken_on,
            p.interview_date,
        )),
        _ => None,
    };
    Ok(AssessmentForm {
        questions,
        history,
        next_due,
        words: Words::new(),
    })
}

/// Scores and stores a completed assessment; refused answers write nothing.
#[tauri::command]
pub fn submit_assessment(
    state: State<'_, AppState>,
    answers: Vec<i64>,
) -> AppResult<AssessmentResult> {
    let answers = answers
        .iter()
        .map(|&a| {
            u8::try_from(a).map_err(|_| AppError::Invalid(format!("Answers are 1 to 5 (got {a}).")))
        })
        .collect::<AppResult<Vec<u8>>>()?;
    let result = assessment::score(&answers).map_err(|e| AppError::Invalid(e.to_string()))?;
    let store = state.store()?;
    store::plan::add_assessment(&store, today(), &answers, result.total)?;
    crate::service::plan::tick_after_write(&store, today());
    Ok(result)
}
