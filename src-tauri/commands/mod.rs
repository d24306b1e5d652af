//! The IPC surface: thin `#[tauri::command]` functions, one file per area.
//! Each parses its input, calls the store or the domain, and returns.

pub mod assessment;
pub mod data;
pub mod export;
pub mod plan;
pub mod practice;
pub mod problems;
pub mod profile;
pub mod rehearsal;
pub mod reminder;
pub mod stories;
pub mod sync;
pub mod system;
pub mod timer;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::error::{AppError, AppResult};
use crate::shell::notify::Notifier;
use crate::store::Store;
use crate::timer::TimerHandle;

/// What every command can reach.
pub struct AppState {
    store: Mutex<Store>,
    pub data_dir: PathBuf,
    pub notifier: Arc<dyn Notifier>,
    /// The mock-round thread; absent in tests that do not need it.
    pub timer: Option<TimerHandle>,
    /// The page holds typed text not yet stored (see `system::set_unsaved`).
    pub unsaved: AtomicBool,
    /// What happened while opening the database (a recovery, a refusal).
    pub notices: Vec<String>,
}

impl AppState {
    pub fn new(store: Store, data_dir: PathBuf, notifier: Arc<dyn Notifier>) -> Self {
        AppState {
            store: Mutex::new(store),
            data_dir,
            notifier,
            timer: None,
            unsaved: AtomicBool::new(false),
            notices: Vec::new(),
        }
    }

    pub fn with_notices(mut self, notices: Vec<String>) -> Self {
        self.notices = notices;
        self
    }

    pub fn with_timer(mut self, timer: TimerHandle) -> Self {
        self.timer = Some(timer);
        self
    }

    /// The store, locked for the length of one command.
    pub fn store(&self) -> AppResult<StoreGuard<'_>> {
        self.store.lock().map(StoreGuard).map_err(|_| {
            AppError::Internal("the database handle was poisoned by an earlier failure".into())
        })
    }
}

/// The store held by one command. When the command is done with it, a
/// commit it made is handed to the log-flushing thread (see
/// [`crate::store::log_sync`]), after the work and before the reply.
pub struct StoreGuard<'a>(MutexGuard<'a, Store>);

impl std::ops::Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.0
    }
}

impl std::ops::DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.0
    }
}

impl Drop for StoreGuard<'_> {
    fn drop(&mut self) {
        self.0.sync_if_changed();
    }
}

/// Today's local calendar date: the one place commands read the clock.
pub use crate::service::today;

/// Registers every command with the builder.
pub fn handlers<R: tauri::Runtime>(
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        profile::profile_options,
        profile::get_profile,
        profile::save_profile,
        system::app_info,
        system::diagnostics,
        system::send_test_notification,
        system::data_version,
        system::finish_close,
        data::startup_notices,
        data::list_backups,
        data::backup_now,
        data::restore_backup,
        data::backup_policy,
        data::set_backup_policy,
        system::set_unsaved,
        system::theme,
        system::startup_mark,
        system::set_theme,
        plan::today_agenda,
        plan::set_item_done,
        plan::plan_overview,
        plan::choose_plan,
        plan::set_blackout,
        plan::reference,
        problems::problem_bank,
        problems::match_coding_problem,
        stories::list_stories,
        stories::get_story,
        stories::create_story,
        stories::save_story,
        stories::story_feedback,
        stories::delete_story,
        stories::restore_story,
        stories::story_revisions,
        stories::restore_revision,
        stories::search_stories,
        stories::story_limits,
        stories::story_coverage,
        stories::set_coverage_minimum,
        stories::principles,
        stories::interview_sheet,
        export::export_data,
        export::import_data,
        rehearsal::rehearsal_queue,
        rehearsal::rehearsal_question,
        rehearsal::record_rehearsal,
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
        timer::timer_custom_templates,
        timer::save_timer_template,
        timer::delete_timer_template,
        timer::mock_score_form,
        timer::mock_score,
        timer::mock_loop_preview,
        timer::save_mock_scores,
        timer::mock_history,
        reminder::reminder_time,
        reminder::set_reminder_time,
        assessment::assessment_form,
        assessment::submit_assessment,
        practice::practice_options,
        practice::add_practice,
        practice::edit_practice,
        practice::delete_practice,
        practice::restore_practice,
        practice::practice_log,
        practice::practice_log_count,
        practice::practice_status,
        practice::practice_dashboard,
        practice::practice_offer,
        practice::log_agenda_item,
        sync::sync_status,
        sync::sync_choose_folder,
        sync::sync_now,
        sync::sync_leave,
        sync::set_sync_name,
        sync::settle_sync_conflict,
    ]
}
