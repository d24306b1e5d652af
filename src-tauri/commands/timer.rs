//! Mock rounds: the built-in and custom templates, the commands that drive
//! the timer thread, scoring an ended round and its history, and the sink
//! that turns the thread's announcements into a UI event, a native
//! notification and a saved session.

use std::sync::Arc;

use chrono::Utc;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Runtime, State};

use super::AppState;
use crate::error::{AppError, AppResult};
use crate::plan::profile::TargetLevel;
use crate::shell::notify::Notifier;
use crate::store::{self, Store};
use crate::timer::review::{
    self, CardInput, LoopPreview, MockRecord, RoundInput, ScoreForm, ScorePreview,
};
use crate::timer::scoring::DimensionScore;
use crate::timer::templates::{customised, RoundKind, TemplateError, TemplateId};
use crate::timer::{self, Command, DriverError, Session, Sink, Status, Template, TimerEvent};

/// The event the window listens to.
pub const TIMER_EVENT: &str = "timer";
/// Settings key: "off" silences desktop notifications (the window still shows each message).
pub const NOTIFY_SETTING: &str = "timer.notifications";

impl From<DriverError> for AppError {
    fn from(e: DriverError) -> Self {
        match e {
            DriverError::Gone | DriverError::Spawn(_) => AppError::Internal(e.to_string()),
            other => AppError::Invalid(other.to_string()),
        }
    }
}

impl From<TemplateError> for AppError {
    fn from(e: TemplateError) -> Self {
        // The template editor's names for its inputs.
        let field = match &e {
            TemplateError::EmptyName | TemplateError::NameTooLong => "name".to_owned(),
            TemplateError::PhaseCount(_) => "phases".to_owned(),
            TemplateError::EmptyPhaseName { position } => format!("phase-{position}-name"),
            TemplateError::PhaseMinutes { position, .. } => format!("phase-{position}-minutes"),
        };
        AppError::field(field, e.to_string())
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimerMessage {
    pub event: TimerEvent,
    pub status: Status,
    /// Whether the desktop notification went out; the window shows the
    /// message either way.
    pub notified: bool,
    pub notify_error: Option<String>,
}

/// Receives the timer thread's output. Owns its own database connection,
/// since it runs on the timer thread.
pub struct TauriSink<R: Runtime> {
    pub app: AppHandle<R>,
    pub notifier: Arc<dyn Notifier>,
    pub store: Store,
}

impl<R: Runtime> Sink for TauriSink<R> {
    fn emit(&self, event: &TimerEvent, status: &Status) {
        let enabled = store::settings::get(&self.store, NOTIFY_SETTING)
            .ok()
            .flatten()
            .as_deref()
            != Some("off");
        let sent = if enabled {
            Some(self.notifier.notify(&event.title, &event.body))
        } else {
            None
        };
        let message = TimerMessage {
            event: event.clone(),
            status: status.clone(),
            notified: matches!(sent, Some(Ok(()))),
            notify_error: sent.and_then(|r| r.err()).map(|e| e.to_string()),
        };
        // Nothing to do if the window is gone; the session is still saved.
        let _ = self.app.emit(TIMER_EVENT, message);
    }

    fn persist(&self, session: &Session) {
        if let Err(e) = store::timer::save(&self.store, session) {
            log::error!("the mock round could not be saved: {e}");
        }
    }

    fn cleared(&self) {
        if let Err(e) = store::timer::clear_live(&self.store) {
            log::error!("the finished round could not be cleared: {e}");
        }
    }
}

fn send(state: &AppState, command: Command) -> AppResult<Option<Status>> {
    let timer = state
        .timer
        .as_ref()
        .ok_or_else(|| AppError::Internal("the timer is not running".into()))?;
    Ok(timer.send(command)?)
}

/// The built-in rounds and loops.
#[tauri::command]
pub fn timer_templates() -> AppResult<Vec<Template>> {
    timer::templates::builtin().map_err(|e| AppError::Internal(e.to_string()))
}

/// The user's own templates, in the order they were made.
#[tauri::command]
pub fn timer_custom_templates(state: State<'_, AppState>) -> AppResult<Vec<Template>> {
    store::timer::templates(&*state.store()?)
}

/// A phase as the template editor sends it; minutes may be blank.
#[derive(Debug, Deserialize)]
pub struct PhaseInput {
    pub name: String,
    pub minutes: Option<f64>,
}

/// An edited copy of the template `base_id`, to save under a new name.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInput {
    pub base_id: String,
    pub name: String,
    pub phases: Vec<PhaseInput>,
}

/// Whole minutes as typed; anything else (blank, fractional, negative)
/// becomes 0, which validation refuses with the phase's position.
fn whole_minutes(m: Option<f64>) -> u32 {
    match m {
        Some(m) if m.fract() == 0.0 && m >= 0.0 => m.min(f64::from(u32::MAX)) as u32,
        _ => 0,
    }
}

/// Validates and saves an edited template; refused input writes nothing.
#[tauri::command]
pub fn save_timer_template(
    state: State<'_, AppState>,
    template: TemplateInput,
) -> AppResult<Template> {
    let store = state.store()?;
    let base_kind = store::timer::find_template(&store, &template.base_id)?
        .map_or(RoundKind::Custom, |t| t.kind);
    let saved = customised(
        TemplateId(uuid::Uuid::now_v7().to_string()),
        base_kind,
        template.name,
        template
            .phases
            .into_iter()
            .map(|p| (p.name, whole_minutes(p.minutes)))
            .collect(),
    )?;
    store::timer::save_template(&store, &saved)?;
    Ok(saved)
}

#[tauri::command]
pub fn delete_timer_template(state: State<'_, AppState>, id: String) -> AppResult<()> {
    if store::timer::delete_template(&*state.store()?, &id)? {
        Ok(())
    } else {
        Err(AppError::NotFound(format!("The template '{id}'")))
    }
}

/// The level scores are weighed at: the profile's target (L6 before there is one).
fn target_level(store: &Store) -> AppResult<TargetLevel> {
    Ok(store::profile::get(store)?.map_or(TargetLevel::L6, |p| p.target_level))
}

/// The live round once it has ended, as saved. Asking the timer thread first
/// makes sure whatever it announced has been saved too.
fn ended_round(state: &AppState, store: &Store) -> AppResult<Option<Session>> {
    send(state, Command::Status)?;
    let session = store::timer::live(store)?;
    Ok(session.filter(|s| s.status(Utc::now()).finished))
}

/// A loop's rounds (none for a single round).
fn loop_rounds(session: &Session) -> AppResult<Vec<timer::templates::LoopRound>> {
    timer::templates::loop_rounds(&session.template).map_err(|e| AppError::Internal(e.to_string()))
}

/// The scoring form of the round that just ended; `None` when none waits.
#[tauri::command]
pub fn mock_score_form(state: State<'_, AppState>) -> AppResult<Option<ScoreForm>> {
    let store = state.store()?;
    let level = target_level(&store)?;
    match ended_round(&state, &store)? {
        Some(s) => Ok(Some(review::score_form(
            &s,
            &loop_rounds(&s)?,
            Utc::now(),
            level,
        ))),
        None => Ok(None),
    }
}

/// The weights of the scores given so far (the problem named sets them),
/// and the weighted score and the verdict it suggests once all are in.
#[tauri::command]
pub fn mock_score(
    state: State<'_, AppState>,
    kind: RoundKind,
    scores: Vec<DimensionScore>,
    problem: Option<String>,
) -> AppResult<ScorePreview> {
    let level = target_level(&*state.store()?)?;
    Ok(review::preview(kind, level, problem.as_deref(), &scores)?)
}

/// Each round of the ended loop as scored so far, and the loop's verdict.
#[tauri::command]
pub fn mock_loop_preview(
    state: State<'_, AppState>,
    rounds: Vec<RoundInput>,
) -> AppResult<LoopPreview> {
    let store = state.store()?;
    let session = ended_round(&state, &store)?
        .ok_or_else(|| AppError::NotFound("An ended loop to score".into()))?;
    Ok(review::loop_preview(
        &loop_rounds(&session)?,
        target_level(&store)?,
        &rounds,
    )?)
}

/// Saves the scores, verdict and notes of the round that ended (a loop's
/// round by round), dismisses it from the timer and returns the history.
#[tauri::command]
pub fn save_mock_scores(
    state: State<'_, AppState>,
    card: CardInput,
    full_round: Option<bool>,
) -> AppResult<Vec<MockRecord>> {
    let store = state.store()?;
    let session = ended_round(&state, &store)?
        .ok_or_else(|| AppError::NotFound("An ended round to score".into()))?;
    let card = review::score_card(
        session.template.kind,
        &loop_rounds(&session)?,
        target_level(&store)?,
        card,
    )?;
    // A round cut short counts as a mock only when the candidate says it
    // was a full round all the same.
    let confirm_full = full_round.unwrap_or(false);
    if !store::timer::save_scores(&store, session.started_at, &card, confirm_full)? {
        return Err(AppError::Invalid(
            "The round is still being recorded; save again in a moment.".into(),
        ));
    }
    crate::service::plan::tick_after_write(&store, super::today());
    send(&state, Command::Clear)?;
    store::timer::history_recent(&store, 50, None)
}

/// Every ended round, newest first.
#[tauri::command]
pub fn mock_history(state: State<'_, AppState>, limit: Option<u32>) -> AppResult<Vec<MockRecord>> {
    // The newest rounds, a page at a time; the dashboard charts the trend.
    store::timer::history_recent(&*state.store()?, i64::from(limit.unwrap_or(50)), None)
}

#[tauri::command]
pub fn timer_status(state: State<'_, AppState>) -> AppResult<Option<Status>> {
    send(&state, Command::Status)
}

#[tauri::command]
pub fn timer_start(
    state: State<'_, AppState>,
    template_id: String,
    design: Option<String>,
) -> AppResult<Option<Status>> {
    let template = store::timer::find_template(&*state.store()?, &template_id)?
        .ok_or_else(|| AppError::NotFound(format!("The round '{template_id}'")))?;
    // A finished round is dismissed before the next one starts.
    if let Some(status) = send(&state, Command::Status)? {
        if status.finished {
            send(&state, Command::Clear)?;
        }
    }
    let design = design.filter(|id| crate::problems::bank().design(id).is_some());
    send(&state, Command::Start(template, design))
}

#[tauri::command]
pub fn timer_pause(state: State<'_, AppState>) -> AppResult<Option<Status>> {
    send(&state, Command::Pause)
}

#[tauri::command]
pub fn timer_resume(state: State<'_, AppState>) -> AppResult<Option<Status>> {
    send(&state, Command::Resume)
}

#[tauri::command]
pub fn timer_skip(state: State<'_, AppState>) -> AppResult<Option<Status>> {
    send(&state, Command::Skip)
}

#[tauri::command]
pub fn timer_add_minutes(state: State<'_, AppState>, minutes: u32) -> AppResult<Option<Status>> {
    send(&state, Command::AddMinutes(minutes))
}

#[tauri::command]
pub fn timer_stop(state: State<'_, AppState>) -> AppResult<Option<Status>> {
    send(&state, Command::Stop)
}

#[tauri::command]
pub fn timer_clear(state: State<'_, AppState>) -> AppResult<Option<Status>> {
    send(&state, Command::Clear)
}

/// Turns desktop notifications for mock rounds on or off.
#[tauri::command]
pub fn set_timer_notifications(state: State<'_, AppState>, enabled: bool) -> AppResult<bool> {
    store::settings::set(
        &*state.store()?,
        NOTIFY_SETTING,
        if enabled { "on" } else { "off" },
    )?;
    Ok(enabled)
}

#[tauri::command]
pub fn timer_notifications(state: State<'_, AppState>) -> AppResult<bool> {
    Ok(store::settings::get(&*state.store()?, NOTIFY_SETTING)?.as_deref() != Some("off"))
}
