//! The daily reminder: the setting (a time of day, empty for none) and the
//! thread that looks once a minute whether today's agenda still has work
//! left after that time, then tells the user once a day on the desktop and
//! in the window. The decision itself is `plan::reminder::reminder_due`.

use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};

use super::AppState;
use crate::error::{AppError, AppResult};
use crate::plan::reminder::{parse_reminder_time, reminder, reminder_due, Reminder};
use crate::shell::notify::Notifier;
use crate::store::{self, Store};

/// The event the window shows as a banner.
pub const REMINDER_EVENT: &str = "reminder";
/// Settings key: the reminder time, "HH:MM"; absent or empty means off.
pub const REMINDER_SETTING: &str = "reminder.time";
/// Settings key: the local date the last reminder went out.
pub const LAST_SENT_SETTING: &str = "reminder.last-sent";

impl From<crate::plan::reminder::ReminderTimeError> for AppError {
    fn from(e: crate::plan::reminder::ReminderTimeError) -> Self {
        AppError::Invalid(e.to_string())
    }
}

/// The reminder time as "HH:MM", or `None` when off.
#[tauri::command]
pub fn reminder_time(state: State<'_, AppState>) -> AppResult<Option<String>> {
    let stored = store::settings::get(&*state.store()?, REMINDER_SETTING)?;
    Ok(parse_reminder_time(stored.as_deref().unwrap_or_default())
        .ok()
        .flatten()
        .map(|t| t.format("%H:%M").to_string()))
}

/// Sets the reminder time ("18:30"; empty turns it off); returns it as stored.
#[tauri::command]
pub fn set_reminder_time(state: State<'_, AppState>, time: String) -> AppResult<Option<String>> {
    let text = parse_reminder_time(&time)?.map(|t| t.format("%H:%M").to_string());
    store::settings::set(
        &*state.store()?,
        REMINDER_SETTING,
        text.as_deref().unwrap_or_default(),
    )?;
    Ok(text)
}

/// What the window receives with the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderMessage {
    pub reminder: Reminder,
    pub notified: bool,
    pub notify_error: Option<String>,
}

/// One look at `now_local`: sends the reminder when it is due, records the
/// day, and returns what was sent for the window.
pub fn check_once(
    store: &Store,
    notifier: &dyn Notifier,
    now_local: NaiveDateTime,
) -> AppResult<Option<ReminderMessage>> {
    let setting = store::settings::get(store, REMINDER_SETTING)?;
    let Some(time) = parse_reminder_time(setting.as_deref().unwrap_or_default())? else {
        return Ok(None);
    };
    let today = now_local.date();
    let Some((profile, plan)) = crate::service::plan::current(store, today)? else {
        return Ok(None);
    };
    // The agenda the Today view shows, so both say the same minutes.
    let agenda = crate::service::plan::agenda_of(store, &profile, &plan, today)?;
    let last_sent =
        store::settings::get(store, LAST_SENT_SETTING)?.and_then(|d| d.parse::<NaiveDate>().ok());
    if !reminder_due(now_local, Some(time), last_sent, agenda.minutes_left) {
        return Ok(None);
    }
    let reminder = reminder(&agenda);
    // Recorded whatever the desktop does with it: one reminder a day.
    store::settings::set(store, LAST_SENT_SETTING, &today.to_string())?;
    let sent = notifier.notify(&reminder.title, &reminder.body);
    Ok(Some(ReminderMessage {
        reminder,
        notified: sent.is_ok(),
        notify_error: sent.err().map(|e| e.to_string()),
    }))
}

/// Starts the reminder thread on its own connection. It looks right away
/// (the app may open after the reminder time), then at the start of each
/// minute of the wall clock, for as long as the app runs.
pub fn spawn_reminder<R: Runtime>(
    app: AppHandle<R>,
    notifier: Arc<dyn Notifier>,
    store: Store,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("loopready-reminder".into())
        .spawn(move || loop {
            let now = chrono::Local::now().naive_local();
            // Keeps the stored schedule a day's re-plan behind at most,
            // whether or not a reminder is set.
            if let Err(e) = crate::service::plan::replan(&store, now.date()) {
                log::warn!(
                    "the schedule could not be re-planned for {}: {e}",
                    now.date()
                );
            }
            match check_once(&store, notifier.as_ref(), now) {
                Ok(Some(message)) => {
                    // Nothing to do if the window is gone.
                    let _ = app.emit(REMINDER_EVENT, message);
                }
                Ok(None) => {}
                Err(e) => log::warn!("the daily reminder could not be checked: {e}"),
            }
            let now = chrono::Local::now();
            let to_next_minute = 60 - u64::from(now.second().min(59));
            std::thread::sleep(Duration::from_secs(to_next_minute));
        })
        .map(|_| ())
}
