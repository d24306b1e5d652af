//! The IPC surface: thin `#[tauri::command]` functions, one file per area.
//! Each parses its input, calls the store or the domain, and returns.

pub mod assessment;
pub mod plan;
pub mod profile;
pub mod system;
pub mod timer;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::error::{AppError, AppResult};
use crate::notify::Notifier;
use crate::store::Store;
use crate::timer::TimerHandle;

/// What every command can reach.
pub struct AppState {
    store: Mutex<Store>,
    pub data_dir: PathBuf,
    pub notifier: Arc<dyn Notifier>,
    /// The mock-round thread; absent in tests that do not need it.
    pub timer: Option<TimerHandle>,
}

impl AppState {
    pub fn new(store: Store, data_dir: PathBuf, notifier: Arc<dyn Notifier>) -> Self {
        AppState {
            store: Mutex::new(store),
            data_dir,
            notifier,
            timer: None,
        }
    }

    pub fn with_timer(mut self, timer: TimerHandle) -> Self {
        self.timer = Some(timer);
        self
    }

    /// The store, locked for the length of one command.
    pub fn store(&self) -> AppResult<MutexGuard<'_, Store>> {
        self.store.lock().map_err(|_| {
            AppError::Internal("the database handle was poisoned by an earlier failure".into())
        })
    }
}

/// Today's local calendar date: the one place commands read the clock.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Registers every command with the builder.
pub fn handlers<R: tauri::Runtime>(
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        profile::get_profile,
        profile::save_profile,
        system::app_info,
        system::send_test_notification,
        system::data_version,
        plan::today_agenda,
        plan::set_item_done,
        plan::plan_overview,
        plan::choose_plan,
        plan::set_blackout,
        plan::reference,
        timer::timer_templates,
        timer::timer_status,
        timer::timer_start,
        timer::timer_pause,
        timer::timer_resume,
        timer::timer_skip,
        timer::timer_add_minutes,
        timer::timer_stop,
        timer::timer_clear,
        timer::set_timer_notifications,
        timer::timer_notifications,
        assessment::assessment_form,
        assessment::submit_assessment,
    ]
}
