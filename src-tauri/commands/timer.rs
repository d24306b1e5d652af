//! Mock rounds: the built-in templates, the commands that drive the timer
//! thread, and the sink that turns its announcements into a UI event, a
//! native notification and a saved session.

use std::sync::Arc;

use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};

use super::AppState;
use crate::error::{AppError, AppResult};
use crate::notify::Notifier;
use crate::store::{self, Store};
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
            eprintln!("error: the mock round could not be saved: {e}");
        }
    }

    fn cleared(&self) {
        if let Err(e) = store::timer::clear_live(&self.store) {
            eprintln!("error: the finished round could not be cleared: {e}");
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

#[tauri::command]
pub fn timer_status(state: State<'_, AppState>) -> AppResult<Option<Status>> {
    send(&state, Command::Status)
}

#[tauri::command]
pub fn timer_start(state: State<'_, AppState>, template_id: String) -> AppResult<Option<Status>> {
    let template = timer::templates::builtin_by_id(&template_id)
        .map_err(|e| AppError::Internal(e.to_string()))?
        .ok_or_else(|| AppError::NotFound(format!("The round '{template_id}'")))?;
    // A finished round is dismissed before the next one starts.
    if let Some(status) = send(&state, Command::Status)? {
        if status.finished {
            send(&state, Command::Clear)?;
        }
    }
    send(&state, Command::Start(template))
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
