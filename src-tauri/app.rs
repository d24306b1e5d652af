//! The window: plugins, managed state, command registration, and the rule of
//! one window per data folder.

use std::fs::{File, TryLockError};
use std::process::ExitCode;
use std::sync::Arc;

use tauri::Manager;

use crate::commands::timer::TauriSink;
use crate::commands::{self, AppState};
use crate::notify::PluginNotifier;
use crate::paths::DataDir;
use crate::store::Store;
use crate::timer::{DriverConfig, Pace, SystemClock, TimerHandle};

const LOCK_FILE: &str = "loopready.lock";

/// Milliseconds per template minute, for end-to-end tests and demos that
/// cannot wait real minutes; unset (the normal case) means real time.
const MINUTE_MS_ENV: &str = "LOOPREADY_TIMER_MINUTE_MS";

fn timer_config() -> DriverConfig {
    let pace = std::env::var(MINUTE_MS_ENV)
        .ok()
        .and_then(|v| v.parse::<i64>().ok())
        .and_then(Pace::from_minute_ms)
        .unwrap_or(Pace::REAL);
    DriverConfig {
        pace,
        ..DriverConfig::default()
    }
}

/// Holds the data folder for this process; the OS drops the lock when the
/// process ends, however it ends.
fn lock_data_dir(dir: &DataDir) -> std::io::Result<Option<File>> {
    std::fs::create_dir_all(&dir.path)?;
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path.join(LOCK_FILE))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Opens the window on `data_dir` and runs until it closes.
pub fn run_window(data_dir: DataDir) -> ExitCode {
    let lock = match lock_data_dir(&data_dir) {
        Ok(lock) => lock,
        Err(e) => {
            eprintln!(
                "error: cannot use the data folder {}: {e}",
                data_dir.path.display()
            );
            return ExitCode::from(2);
        }
    };
    // On the default folder the single-instance plugin hands a second launch
    // over to the first window, which comes to the front. On a folder given
    // with --data-dir that cannot apply (the plugin knows one name per app),
    // so a second launch is refused here.
    if lock.is_none() && !data_dir.is_default {
        eprintln!(
            "error: Loopready is already open on {}. Close that window first, or use another --data-dir.",
            data_dir.path.display()
        );
        return ExitCode::from(3);
    }
    let store = match Store::open(&data_dir.db_path()) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };

    let mut builder = tauri::Builder::default();
    if data_dir.is_default {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }));
    }
    let data_path = data_dir.path.clone();
    let db_path = data_dir.db_path();
    let restored = match crate::store::timer::live(&store) {
        Ok(session) => session,
        Err(e) => {
            eprintln!("warning: the saved mock round could not be read and is dropped: {e}");
            None
        }
    };
    let result = builder
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            let notifier: Arc<dyn crate::notify::Notifier> =
                Arc::new(PluginNotifier::new(app.handle().clone()));
            let sink = TauriSink {
                app: app.handle().clone(),
                notifier: notifier.clone(),
                store: Store::open(&db_path)?,
            };
            let timer = TimerHandle::spawn(SystemClock, sink, restored, timer_config())?;
            app.manage(AppState::new(store, data_path, notifier).with_timer(timer));
            Ok(())
        })
        .invoke_handler(commands::handlers())
        .run(tauri::generate_context!());
    drop(lock);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: the window could not run: {e}");
            ExitCode::from(1)
        }
    }
}
