//! The followed plan's IPC surface: today's agenda, the dated schedule,
//! choosing a plan, ticking items and blackout dates (`service::plan`).

use tauri::State;

use super::{today, AppState};
use crate::error::AppResult;
use crate::plan::reference::ReferenceView;
use crate::plan::tracking::Agenda;
use crate::service::plan::{self, PlanOverview};

#[tauri::command]
pub fn today_agenda(state: State<'_, AppState>) -> AppResult<Agenda> {
    plan::named_agenda(&*state.store()?, today())
}

/// Ticks or unticks an item of the schedule and returns today's agenda.
#[tauri::command]
pub fn set_item_done(state: State<'_, AppState>, key: String, done: bool) -> AppResult<Agenda> {
    plan::set_item_done(&*state.store()?, &key, done, today())
}

/// The recommendation, the five plans and the dated schedule.
#[tauri::command]
pub fn plan_overview(state: State<'_, AppState>) -> AppResult<PlanOverview> {
    plan::overview(&*state.store()?, today())
}

/// Follows `plan_id`, or the recommendation again when it is null.
#[tauri::command]
pub fn choose_plan(state: State<'_, AppState>, plan_id: Option<String>) -> AppResult<PlanOverview> {
    plan::choose(&*state.store()?, plan_id.as_deref(), today())
}

/// Marks a day as unavailable (or available again); the schedule moves its work.
#[tauri::command]
pub fn set_blackout(
    state: State<'_, AppState>,
    date: String,
    blocked: bool,
) -> AppResult<PlanOverview> {
    plan::set_blackout(&*state.store()?, &date, blocked, today())
}

/// The reference pages (levels, loops, timings, rubrics), for the profile's track.
#[tauri::command]
pub fn reference(state: State<'_, AppState>) -> AppResult<ReferenceView> {
    plan::reference(&*state.store()?)
}
