//! Rehearsal: the "due today" queue of stories and bank questions, picking a
//! question for a principle, and recording how a spoken answer went. The
//! FSRS schedule is replayed from the stored rehearsals on every call.

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;

use super::stories::default_scope;
use super::{today, AppState};
use crate::error::{AppError, AppResult};
use crate::store::rehearsal::{self, RehearsalRecord, Target};
use crate::store::{self, Store};
use crate::stories::questions::{self, Question};
use crate::stories::review::{self, ItemHistory, Rating, ReviewState};
use crate::stories::speaking::{targets, AnswerLength, Fit, SecondsRange};
use crate::stories::Principle;

/// Never-rehearsed stories offered per day on top of the due ones, so a
/// fresh bank of twenty stories does not arrive as one wall.
pub const NEW_STORIES_PER_DAY: usize = 3;

/// Longest answer the count-up timer records (a deep dive runs 4-5 minutes;
/// an hour means the timer was left running).
pub const MAX_SECONDS: u32 = 3_600;

/// One line of the queue.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueItem {
    #[serde(flatten)]
    pub target: Target,
    /// A story's title, or the question.
    pub prompt: String,
    /// The principle names it is about (primary first, for a story).
    pub principles: Vec<&'static str>,
    pub due: Option<NaiveDate>,
    pub days_overdue: i64,
    pub state: ReviewState,
}

/// The rehearsal queue for a date.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Queue {
    pub date: NaiveDate,
    pub items: Vec<QueueItem>,
    /// Items due (or overdue), not counting the new ones offered.
    pub due_count: usize,
    /// The standard answer's length at the profile's level, for the timer.
    pub standard_answer: SecondsRange,
}

/// The queue for `date`: due stories and questions, oldest due first, then
/// up to [`NEW_STORIES_PER_DAY`] stories never rehearsed.
pub fn queue(store: &Store, date: NaiveDate) -> AppResult<Queue> {
    let stories = store::stories::list(store)?;
    let story_histories = rehearsal::story_histories(store)?;
    let question_histories = rehearsal::question_histories(store)?;

    let mut items: Vec<QueueItem> = Vec::new();
    for due in review::due_queue(&question_histories, date, 0) {
        let Some(q) = questions::find(&due.id) else {
            continue; // a question dropped from the bank
        };
        items.push(QueueItem {
            target: Target::Question(due.id),
            prompt: q.text.clone(),
            principles: vec![q.principle.name()],
            due: due.due,
            days_overdue: due.days_overdue,
            state: due.state,
        });
    }
    for due in review::due_queue(&story_histories, date, NEW_STORIES_PER_DAY) {
        let Some(story) = stories.iter().find(|s| s.id == due.id) else {
            continue;
        };
        let principles = story
            .draft
            .primary
            .iter()
            .chain(&story.draft.secondary)
            .map(|p| p.name())
            .collect();
        items.push(QueueItem {
            target: Target::Story(due.id),
            prompt: story.draft.title.clone(),
            principles,
            due: due.due,
            days_overdue: due.days_overdue,
            state: due.state,
        });
    }
    // Due items of both kinds by date; new stories (no date) last.
    items.sort_by_key(|i| (i.due.is_none(), i.due));
    let due_count = items.iter().filter(|i| i.due.is_some()).count();
    Ok(Queue {
        date,
        items,
        due_count,
        standard_answer: targets(AnswerLength::Standard, default_scope(store)?).total,
    })
}

#[tauri::command]
pub fn rehearsal_queue(state: State<'_, AppState>) -> AppResult<Queue> {
    queue(&*state.store()?, today())
}

/// A bank question with where it stands.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionView {
    #[serde(flatten)]
    pub question: &'static Question,
    pub principle_name: &'static str,
    pub state: ReviewState,
}

/// The question to ask next for `principle`: among the profile level's
/// questions first, one never asked, else the one due soonest.
pub fn next_question(store: &Store, principle: Principle) -> AppResult<QuestionView> {
    let histories = rehearsal::question_histories(store)?;
    let candidates = questions::for_principle(principle, default_scope(store)?);
    let state_of = |q: &Question| {
        let history = histories
            .iter()
            .find(|h| h.id == q.id)
            .map_or(&[][..], |h: &ItemHistory<String>| &h.history[..]);
        review::schedule(history)
    };
    let chosen = candidates
        .iter()
        .enumerate()
        .min_by_key(|(order, q)| {
            let due = state_of(q).due;
            (due.is_some(), due, *order)
        })
        .map(|(_, q)| *q)
        .ok_or_else(|| AppError::NotFound("A question for that principle".into()))?;
    Ok(QuestionView {
        question: chosen,
        principle_name: chosen.principle.name(),
        state: state_of(chosen),
    })
}

#[tauri::command]
pub fn rehearsal_question(
    state: State<'_, AppState>,
    principle: String,
) -> AppResult<QuestionView> {
    let principle: Principle = principle.parse()?;
    next_question(&*state.store()?, principle)
}

/// What recording a rehearsal gives back: the new schedule.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub record: RehearsalRecord,
    pub state: ReviewState,
    /// The answer's length against the standard answer at the profile's level.
    pub fit: Fit,
}

/// Validates and records one rehearsal dated `date`, and returns the item's
/// new schedule. Refusals write nothing.
pub fn record(
    store: &Store,
    target: Target,
    rating: &str,
    seconds: u32,
    date: NaiveDate,
) -> AppResult<Outcome> {
    let rating = Rating::parse(rating)?;
    if seconds > MAX_SECONDS {
        return Err(AppError::Invalid(format!(
            "A rehearsal lasts at most {} minutes; this one says {} minutes. Was the timer left running?",
            MAX_SECONDS / 60,
            seconds / 60
        )));
    }
    if let Target::Question(id) = &target {
        if questions::find(id).is_none() {
            return Err(AppError::NotFound(format!("Question \"{id}\"")));
        }
    }
    let record = rehearsal::add(store, &target, rating, seconds, date)?;
    let history = rehearsal::history(store, &target)?;
    let fit = targets(AnswerLength::Standard, default_scope(store)?)
        .total
        .judge(seconds);
    Ok(Outcome {
        record,
        state: review::schedule(&history),
        fit,
    })
}

#[tauri::command]
pub fn record_rehearsal(
    state: State<'_, AppState>,
    target: Target,
    rating: String,
    seconds: u32,
) -> AppResult<Outcome> {
    record(&*state.store()?, target, &rating, seconds, today())
}
