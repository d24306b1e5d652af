//! Rehearsal: the "due today" queue of stories and bank questions, picking a
//! question for a principle, and recording how a spoken answer went. Each
//! item's FSRS schedule is the replay of its rehearsals, kept by the store
//! as each rehearsal is written, so the queue reads only the items due.

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;

use super::{today, AppState};
use crate::error::{AppError, AppResult};
use crate::service::stories::default_scope;
use crate::store::rehearsal::{self, RehearsalRecord, Target};
use crate::store::Store;
use crate::stories::questions::{self, Question};
use crate::stories::review::{self, Rating, ReviewState};
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
    /// Every item in the queue, shown or not (`items` may be the first few).
    pub total: usize,
    /// The standard answer's length at the profile's level, for the timer.
    pub standard_answer: SecondsRange,
}

/// The queue for `date`: due stories and questions, oldest due first, then
/// up to [`NEW_STORIES_PER_DAY`] stories never rehearsed.
pub fn queue(store: &Store, date: NaiveDate) -> AppResult<Queue> {
    queue_first(store, date, None)
}

/// The first `limit` items of [`queue`] (all without a limit), with the
/// counts of the whole queue.
pub fn queue_first(store: &Store, date: NaiveDate, limit: Option<usize>) -> AppResult<Queue> {
    queue_page(store, date, 0, limit)
}

/// `limit` items of [`queue`] (the rest without a limit) after the first
/// `offset`, with the counts of the whole queue. Only the stories that can
/// be among them are read.
pub fn queue_page(
    store: &Store,
    date: NaiveDate,
    offset: usize,
    limit: Option<usize>,
) -> AppResult<Queue> {
    let end = limit.map(|n| n.saturating_add(offset));
    // Due questions (a bank of a few dozen) are read whole, oldest due and
    // hardest first; due stories first only as row id and date.
    let questions: Vec<QueueItem> = review::due_of(rehearsal::due_questions(store, date)?, date, 0)
        .into_iter()
        .filter_map(|due| {
            let q = questions::find(&due.id)?; // a question dropped from the bank
            Some(QueueItem {
                target: Target::Question(due.id),
                prompt: q.text.clone(),
                principles: vec![q.principle.name()],
                due: due.due,
                days_overdue: due.days_overdue,
                state: due.state,
            })
        })
        .collect();
    let stories = rehearsal::due_story_order(store, date, end)?;

    // The queue's order: by due date, questions before stories on the same
    // date, each kind in its own order; then the new stories.
    enum Slot {
        Question(usize),
        Story(i64),
    }
    let mut slots: Vec<(NaiveDate, Slot)> = questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| Some((q.due?, Slot::Question(i))))
        .chain(stories.iter().map(|&(key, due)| (due, Slot::Story(key))))
        .collect();
    slots.sort_by_key(|(due, _)| *due);
    let due_count = questions.len()
        + match end {
            None => stories.len(),
            Some(_) => rehearsal::due_story_count(store, date)?,
        };
    let fresh = rehearsal::fresh_stories(store, NEW_STORIES_PER_DAY)?;
    let total = due_count + fresh.len();

    // Only the page's stories are read in full.
    let page_end = end.unwrap_or(usize::MAX).min(total);
    let page_slots = slots
        .get(offset.min(slots.len())..page_end.min(slots.len()))
        .unwrap_or(&[]);
    let keys: Vec<i64> = page_slots
        .iter()
        .filter_map(|(_, slot)| match slot {
            Slot::Story(key) => Some(*key),
            Slot::Question(_) => None,
        })
        .collect();
    let mut full = rehearsal::scheduled_stories(store, &keys)?;
    let mut questions: Vec<Option<QueueItem>> = questions.into_iter().map(Some).collect();
    let mut items = Vec::new();
    for (_, slot) in page_slots {
        match slot {
            Slot::Question(i) => items.extend(questions[*i].take()),
            Slot::Story(key) => {
                if let Some((story, state)) = full.remove(key) {
                    items.push(story_item(story, state, date));
                }
            }
        }
    }
    let fresh_from = offset.saturating_sub(slots.len());
    let fresh_to = page_end.saturating_sub(slots.len());
    for story in fresh.into_iter().take(fresh_to).skip(fresh_from) {
        items.push(story_item(story, ReviewState::default(), date));
    }
    Ok(Queue {
        date,
        items,
        due_count,
        total,
        standard_answer: targets(AnswerLength::Standard, default_scope(store)?).total,
    })
}

fn story_item(story: rehearsal::QueueStory, state: ReviewState, date: NaiveDate) -> QueueItem {
    QueueItem {
        target: Target::Story(story.id),
        prompt: story.title,
        principles: story.principles.iter().map(|p| p.name()).collect(),
        due: state.due,
        days_overdue: state.due.map_or(0, |due| (date - due).num_days()),
        state,
    }
}

/// The queue, or `limit` of its items after the first `offset` (the Today
/// view shows a few, the Rehearse view a page at a time).
#[tauri::command]
pub fn rehearsal_queue(
    state: State<'_, AppState>,
    limit: Option<usize>,
    offset: Option<usize>,
) -> AppResult<Queue> {
    queue_page(&*state.store()?, today(), offset.unwrap_or(0), limit)
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
    let candidates = questions::for_principle(principle, default_scope(store)?)
        .into_iter()
        .map(|q| Ok((q, rehearsal::state(store, &Target::Question(q.id.clone()))?)))
        .collect::<AppResult<Vec<(&'static Question, ReviewState)>>>()?;
    let (chosen, state) = candidates
        .into_iter()
        .enumerate()
        .min_by_key(|(order, (_, state))| (state.due.is_some(), state.due, *order))
        .map(|(_, c)| c)
        .ok_or_else(|| AppError::NotFound("A question for that principle".into()))?;
    Ok(QuestionView {
        question: chosen,
        principle_name: chosen.principle.name(),
        state,
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
    let state = rehearsal::state(store, &target)?;
    let fit = targets(AnswerLength::Standard, default_scope(store)?)
        .total
        .judge(seconds);
    Ok(Outcome { record, state, fit })
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
