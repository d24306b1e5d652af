//! Native notifications behind a small trait, so commands and the timer
//! thread can be tested with a recorder instead of a desktop.

use std::sync::Mutex;

use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::error::{AppError, AppResult};

/// Something that can show a notification to the user.
pub trait Notifier: Send + Sync {
    /// Shows `title` and `body`; an error means the user will not see it, and
    /// the caller says so in the window.
    fn notify(&self, title: &str, body: &str) -> AppResult<()>;
}

/// The real notifier: the official Tauri plugin.
pub struct PluginNotifier<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> PluginNotifier<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        PluginNotifier { app }
    }
}

impl<R: Runtime> Notifier for PluginNotifier<R> {
    fn notify(&self, title: &str, body: &str) -> AppResult<()> {
        ensure_server_answers()?;
        self.app
            .notification()
            .builder()
            .title(title)
            .body(body)
            .show()
            .map_err(|e| {
                AppError::Notification(format!("The system refused the notification: {e}"))
            })
    }
}

/// On Linux the plugin sends in the background and drops any failure, so ask
/// the session's notification server first whether anyone is listening.
#[cfg(target_os = "linux")]
fn ensure_server_answers() -> AppResult<()> {
    notify_rust::get_server_information()
        .map(|_| ())
        .map_err(|_| {
            AppError::Notification(
                "No notification service answered, so desktop notifications cannot be shown. \
             Loopready will keep showing its messages in the window."
                    .into(),
            )
        })
}

#[cfg(not(target_os = "linux"))]
fn ensure_server_answers() -> AppResult<()> {
    Ok(())
}

/// Keeps what it was asked to show; for tests.
#[derive(Default)]
pub struct RecordingNotifier {
    pub sent: Mutex<Vec<(String, String)>>,
    /// When set, every call fails with this message.
    pub fail_with: Option<String>,
}

impl Notifier for RecordingNotifier {
    fn notify(&self, title: &str, body: &str) -> AppResult<()> {
        if let Some(msg) = &self.fail_with {
            return Err(AppError::Notification(msg.clone()));
        }
        self.sent
            .lock()
            .map_err(|_| AppError::Internal("notification recorder poisoned".into()))?
            .push((title.to_owned(), body.to_owned()));
        Ok(())
    }
}
