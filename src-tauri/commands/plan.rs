//! The followed plan: today's agenda, the dated schedule, choosing a plan,
//! ticking items and blackout dates.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;

use super::{today, AppState};
use crate::error::{AppError, AppResult};
use crate::plan::assessment;
use crate::plan::catalog::{catalog, HoursRange, PlanId};
use crate::plan::criteria::Evidence;
use crate::plan::profile::Profile;
use crate::plan::schedule::{Item, ScheduledCheckpoint};
use crate::plan::select::{recommend, Recommendation};
use crate::plan::tracking::{self, Agenda, DayStatus};
use crate::practice::ledger::DayTotals;
use crate::store::plan::PlanState;
use crate::store::{self, codec::from_text, Store};

/// The profile and the plan state as of `today`, re-planning first when the
/// inputs changed or a day has passed. `None` before the first run.
pub fn current(store: &Store, today: NaiveDate) -> AppResult<Option<(Profile, PlanState)>> {
    let Some(profile) = store::profile::get(store)? else {
        return Ok(None);
    };
    let stored = store::plan::state(store)?;
    let (plan_id, chosen, start) = match &stored {
        Some(s) => (s.plan_id, s.chosen, s.input.start),
        None => (
            recommend(&profile, today)
                .plan_id
                .unwrap_or(PlanId::Emergency2w),
            false,
            today,
        ),
    };
    let input = tracking::input_for(
        &profile,
        plan_id,
        start,
        store::plan::blackouts(store)?,
        weak_categories(store)?,
    );
    let done = store::plan::done_keys(store)?;
    let refreshed = tracking::refresh(
        stored
            .as_ref()
            .map(|s| (&s.input, &s.schedule, s.planned_on)),
        &input,
        &done,
        today,
    );
    let state = match (refreshed, stored) {
        (Some(schedule), _) => {
            let state = PlanState {
                plan_id,
                chosen,
                input,
                schedule,
                planned_on: today,
            };
            store::plan::save_state(store, &state)?;
            state
        }
        (None, Some(stored)) => stored,
        (None, None) => return Err(AppError::Internal("no schedule could be made".into())),
    };
    Ok(Some((profile, state)))
}

/// The categories the latest self-assessment found weak.
fn weak_categories(store: &Store) -> AppResult<Vec<crate::plan::catalog::Category>> {
    let latest = store::plan::assessments(store)?.into_iter().next();
    Ok(latest
        .and_then(|a| assessment::score(&a.answers).ok())
        .map(|r| r.weak_categories)
        .unwrap_or_default())
}

/// What the story bank, the mock rounds and the practice log show so far. A story counts as
/// drafted once all four STAR parts have text, and as polished once the
/// story check finds no major problem in it.
pub fn evidence(store: &Store) -> AppResult<Evidence> {
    evidence_with(store, &store::practice::totals(store)?)
}

/// [`evidence`] with the totals of every day already read.
pub fn evidence_with(store: &Store, totals: &DayTotals) -> AppResult<Evidence> {
    let (drafted, polished) = store::stories::draft_counts(store)?;
    let mut evidence = Evidence {
        stories_drafted: drafted,
        stories_polished: polished,
        mocks_taken: store::timer::ended_count(store)?,
        assessments_taken: store::plan::assessment_count(store)?,
        ..Evidence::default()
    };
    super::practice::extend_evidence(totals, &mut evidence);
    Ok(evidence)
}

fn require(found: Option<(Profile, PlanState)>) -> AppResult<(Profile, PlanState)> {
    found.ok_or_else(|| AppError::NotFound("Your profile".into()))
}

/// Today's items, minutes left and the next checkpoint.
#[tauri::command]
pub fn today_agenda(state: State<'_, AppState>) -> AppResult<Agenda> {
    let today = today();
    let store = state.store()?;
    let (_, plan) = require(current(&store, today)?)?;
    let done = store::plan::done_keys(&store)?;
    Ok(tracking::agenda(
        &plan.schedule,
        &done,
        &evidence(&store)?,
        today,
    ))
}

/// Ticks or unticks an item of the schedule and returns today's agenda.
#[tauri::command]
pub fn set_item_done(state: State<'_, AppState>, key: String, done: bool) -> AppResult<Agenda> {
    let today = today();
    let store = state.store()?;
    let (_, plan) = require(current(&store, today)?)?;
    let known = plan
        .schedule
        .days
        .iter()
        .flat_map(|d| &d.items)
        .any(|i| i.key == key);
    if !known {
        return Err(AppError::NotFound(format!("The schedule item '{key}'")));
    }
    store::plan::set_done(&store, &key, done, today)?;
    let done = store::plan::done_keys(&store)?;
    Ok(tracking::agenda(
        &plan.schedule,
        &done,
        &evidence(&store)?,
        today,
    ))
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    pub id: PlanId,
    pub name: String,
    pub weeks: u32,
    pub success_rate_percent: u32,
    pub hours_per_week: HoursRange,
    pub best_for: String,
    pub when_to_use: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanOverview {
    pub recommendation: Recommendation,
    pub plans: Vec<PlanSummary>,
    pub plan_id: PlanId,
    pub chosen: bool,
    pub start: NaiveDate,
    pub interview: NaiveDate,
    pub day_budget_minutes: u32,
    pub week_budget_minutes: u32,
    pub time_scale: f64,
    pub warnings: Vec<String>,
    pub days: Vec<DayStatus>,
    pub checkpoints: Vec<ScheduledCheckpoint>,
    pub overflow: Vec<Item>,
    pub blackouts: Vec<NaiveDate>,
    pub today: NaiveDate,
}

fn overview(store: &Store, today: NaiveDate) -> AppResult<PlanOverview> {
    let (profile, plan) = require(current(store, today)?)?;
    let done: HashSet<String> = store::plan::done_keys(store)?;
    let s = &plan.schedule;
    Ok(PlanOverview {
        recommendation: recommend(&profile, today),
        plans: catalog()
            .plans
            .iter()
            .map(|p| PlanSummary {
                id: p.id,
                name: p.name.clone(),
                weeks: p.weeks,
                success_rate_percent: p.success_rate_percent,
                hours_per_week: p.hours_per_week,
                best_for: p.best_for.clone(),
                when_to_use: p.when_to_use.clone(),
            })
            .collect(),
        plan_id: plan.plan_id,
        chosen: plan.chosen,
        start: s.start,
        interview: s.interview,
        day_budget_minutes: s.day_budget_minutes,
        week_budget_minutes: s.week_budget_minutes,
        time_scale: s.time_scale,
        warnings: s.warnings.clone(),
        days: tracking::day_statuses(s, &done),
        checkpoints: s.checkpoints.clone(),
        overflow: s.overflow.clone(),
        blackouts: plan.input.blackouts.iter().copied().collect(),
        today,
    })
}

/// The recommendation, the five plans and the dated schedule.
#[tauri::command]
pub fn plan_overview(state: State<'_, AppState>) -> AppResult<PlanOverview> {
    overview(&*state.store()?, today())
}

/// Follows `plan_id`, or the recommendation again when it is null.
#[tauri::command]
pub fn choose_plan(state: State<'_, AppState>, plan_id: Option<String>) -> AppResult<PlanOverview> {
    let today = today();
    let store = state.store()?;
    let (profile, mut plan) = require(current(&store, today)?)?;
    let (id, chosen) = match plan_id {
        Some(text) => (from_text::<PlanId>(&text, "plan")?, true),
        None => (
            recommend(&profile, today)
                .plan_id
                .unwrap_or(PlanId::Emergency2w),
            false,
        ),
    };
    plan.plan_id = id;
    plan.chosen = chosen;
    // The next `current` sees the new plan in the input and re-plans.
    store::plan::save_state(&store, &plan)?;
    overview(&store, today)
}

/// Marks a day as unavailable (or available again); the schedule moves its work.
#[tauri::command]
pub fn set_blackout(
    state: State<'_, AppState>,
    date: String,
    blocked: bool,
) -> AppResult<PlanOverview> {
    let today = today();
    let day: NaiveDate = date
        .trim()
        .parse()
        .map_err(|_| AppError::Invalid(format!("'{date}' is not a date like 2026-12-31.")))?;
    if blocked && day < today {
        return Err(AppError::Invalid(format!(
            "{day} is in the past; only future days can be blocked."
        )));
    }
    let store = state.store()?;
    store::plan::set_blackout(&store, day, blocked)?;
    overview(&store, today)
}

/// The reference pages (levels, loops, timings, rubrics), for the profile's track.
#[tauri::command]
pub fn reference(state: State<'_, AppState>) -> AppResult<crate::plan::reference::ReferenceView> {
    let track = store::profile::get(&*state.store()?)?
        .map(|p| p.track)
        .unwrap_or(crate::plan::profile::Track::Ic);
    crate::plan::reference::reference(track).map_err(|e| AppError::Internal(e.to_string()))
}
