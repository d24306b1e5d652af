//! The window: plugins, managed state, command registration, and the rule of
//! one window per data folder.

use std::fs::{File, TryLockError};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use tauri::{Emitter, Manager};

use crate::commands::timer::TauriSink;
use crate::commands::{self, AppState};
use crate::error::AppError;
use crate::shell::notify::PluginNotifier;
use crate::shell::paths::DataDir;
use crate::store::{backup, Store};
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

/// When the window was set up: resizes within [`SETTLE`] of it are the
/// saved window state being applied.
static OPENED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
const SETTLE: std::time::Duration = std::time::Duration::from_secs(3);

/// How long the page gets to save unsaved text before the window closes anyway.
const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Window events: remember the size and position, save before closing.
fn on_window_event<R: tauri::Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    match event {
        tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_) => {
            if let Some(saver) = window.try_state::<WindowStateSaver>() {
                let _ = saver.0.send(());
            }
            // The saved size and place arrive as the first resizes and
            // moves; those are brought onto the screen. Later ones are the
            // user's own.
            if OPENED.get().is_some_and(|t| t.elapsed() < SETTLE) {
                if let Err(e) = keep_on_screen(window) {
                    log::warn!("the window could not be moved onto the screen: {e}");
                }
            }
        }
        // Coming back to the window: what the other computers wrote since.
        tauri::WindowEvent::Focused(true) => {
            if let Some(waker) = window.try_state::<crate::commands::sync::SyncWaker>() {
                waker.wake();
            }
        }
        tauri::WindowEvent::CloseRequested { api, .. } => {
            // While a round runs the window goes to the tray instead.
            if crate::shell::tray::hide_instead_of_close(window) {
                api.prevent_close();
            } else {
                on_close(window, event);
            }
        }
        _ => {}
    }
}

/// Writes the window's size and position once it has stopped moving for
/// 400 ms, so they survive a crash or a killed process, not only a clean
/// exit (when the window-state plugin writes them itself). One thread
/// collects the move and resize events; a drag costs one write.
struct WindowStateSaver(std::sync::mpsc::Sender<()>);

fn spawn_window_state_saver<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> std::io::Result<WindowStateSaver> {
    use tauri_plugin_window_state::{AppHandleExt, StateFlags};
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("loopready-window-state".into())
        .spawn(move || {
            while rx.recv().is_ok() {
                while rx
                    .recv_timeout(std::time::Duration::from_millis(400))
                    .is_ok()
                {}
                if let Err(e) = app.save_window_state(StateFlags::all()) {
                    log::warn!("the window size could not be saved: {e}");
                }
            }
        })?;
    Ok(WindowStateSaver(tx))
}

/// A rectangle of the screen, in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rect {
    x: i32,
    y: i32,
    width: u32,
    height: u32,
}

/// Where a window of `window` (outer frame) goes so that all of it shows in
/// `area` (the monitor's work area): no larger than the area, and moved in
/// from any edge it crosses. A window already inside stays as it is.
fn fit_into(window: Rect, area: Rect) -> Rect {
    let width = window.width.min(area.width);
    let height = window.height.min(area.height);
    let clamp = |start: i32, len: u32, lo: i32, span: u32| {
        let hi = lo.saturating_add_unsigned(span - len);
        start.clamp(lo, hi)
    };
    Rect {
        x: clamp(window.x, width, area.x, area.width),
        y: clamp(window.y, height, area.y, area.height),
        width,
        height,
    }
}

/// A saved size or position from a larger or another screen would open the
/// window partly or wholly off this one; it is brought back inside.
fn keep_on_screen<R: tauri::Runtime>(window: &tauri::Window<R>) -> tauri::Result<()> {
    let monitor = match window.current_monitor()? {
        Some(m) => m,
        None => match window.primary_monitor()? {
            Some(m) => m,
            None => return Ok(()),
        },
    };
    if window.is_maximized()? || window.is_fullscreen()? {
        return Ok(());
    }
    let work = monitor.work_area();
    let area = Rect {
        x: work.position.x,
        y: work.position.y,
        width: work.size.width,
        height: work.size.height,
    };
    let (pos, outer, inner) = (
        window.outer_position()?,
        window.outer_size()?,
        window.inner_size()?,
    );
    let now = Rect {
        x: pos.x,
        y: pos.y,
        width: outer.width,
        height: outer.height,
    };
    let fit = fit_into(now, area);
    if fit == now {
        return Ok(());
    }
    if (fit.width, fit.height) != (now.width, now.height) {
        // set_size takes the inner size; the frame keeps its own.
        let frame_w = outer.width.saturating_sub(inner.width);
        let frame_h = outer.height.saturating_sub(inner.height);
        window.set_size(tauri::PhysicalSize::new(
            fit.width.saturating_sub(frame_w),
            fit.height.saturating_sub(frame_h),
        ))?;
    }
    window.set_position(tauri::PhysicalPosition::new(fit.x, fit.y))
}

/// Closing the window while the page holds text not yet stored first asks
/// the page to save it; the page answers with `finish_close`. If it does not
/// answer in time (a hung page), the window closes anyway. With nothing
/// unsaved the window closes at once.
fn on_close<R: tauri::Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    if let tauri::WindowEvent::CloseRequested { api, .. } = event {
        let unsaved = window
            .try_state::<AppState>()
            .is_some_and(|s| s.unsaved.load(Ordering::SeqCst));
        if !unsaved {
            return;
        }
        api.prevent_close();
        if window.emit("app-closing", ()).is_err() {
            let _ = window.destroy();
            return;
        }
        let window = window.clone();
        std::thread::spawn(move || {
            std::thread::sleep(CLOSE_GRACE);
            let _ = window.destroy();
        });
    }
}

/// Ends a start that cannot go on: the reason goes to standard error and,
/// when there is a desktop to show it on, into a message box, since a
/// launch from the desktop has nobody reading standard error.
/// `LOOPREADY_NO_DIALOG` leaves the box out (the tests that expect a refusal).
fn refuse_start(code: u8, message: impl std::fmt::Display) -> ExitCode {
    let text = message.to_string();
    let desktop = cfg!(not(target_os = "linux"))
        || std::env::var_os("DISPLAY").is_some()
        || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if desktop && std::env::var_os("LOOPREADY_NO_DIALOG").is_none() {
        // No logger exists yet: a box that cannot be shown leaves the reason
        // on standard error alone.
        let _ = std::panic::catch_unwind(|| {
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("Loopready could not start")
                .set_description(sentence(&text))
                .set_buttons(rfd::MessageButtons::Ok)
                .show()
        });
    }
    crate::cli::refuse(code, text)
}

/// `text` as a sentence: a capital first letter and a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.trim_end_matches('.').chars();
    chars.next().map_or_else(String::new, |first| {
        format!("{}{}.", first.to_uppercase(), chars.as_str())
    })
}

/// What the window starts from: the database, opened and checked, with
/// what the start has to say.
struct Opened {
    store: Store,
    notices: Vec<String>,
    /// False for a read-only folder, and for a scratch database standing in
    /// for a file from a newer Loopready.
    writable: bool,
    /// The mock round that was running when the window last closed.
    restored: Option<crate::timer::Session>,
    /// Problems met before the logger exists, logged once it does.
    early_warnings: Vec<String>,
}

/// Opens the data in `folder` (recovering a damaged file from a backup).
/// An error carries the exit code the start ends with.
fn open_data(folder: &std::path::Path, read_only: bool) -> Result<Opened, (u8, String)> {
    let (mut store, mut notices, writable) = match backup::open_with_recovery(folder, Utc::now()) {
        Ok((store, notices)) => (store, notices, !read_only),
        // A file from a newer Loopready is left untouched; the window says
        // so and works on a scratch database that is not saved.
        Err(e @ AppError::TooNew(_)) => match Store::open_in_memory() {
            Ok(scratch) => (
                scratch,
                vec![format!("{e} Nothing you do in this window will be saved.")],
                false,
            ),
            Err(e) => return Err((1, e.to_string())),
        },
        Err(e) => return Err((1, e.to_string())),
    };
    crate::shell::startup::mark("STORE");
    // Problems met before the logger exists are logged once it does.
    let mut early_warnings = Vec::new();
    if writable {
        if let Err(e) = store
            .defer_checkpoints()
            .and_then(|()| store.sync_in_background())
        {
            early_warnings.push(format!(
                "the database could not be set to sync in the background: {e}"
            ));
        }
    }

    let restored = match crate::store::timer::live(&store) {
        Ok(session) => session,
        Err(e) => {
            early_warnings.push(format!(
                "the saved mock round could not be read and is dropped: {e}"
            ));
            notices.push(
                "The mock round that was running could not be read, so it was dropped. \
                 Your scored rounds and everything else are as they were."
                    .to_owned(),
            );
            None
        }
    };
    Ok(Opened {
        store,
        notices,
        writable,
        restored,
        early_warnings,
    })
}

/// [`refuse_start`] from inside the running app, where only an exit ends
/// the start: the code to exit with.
fn refused(code: u8, message: impl std::fmt::Display) -> i32 {
    let _ = refuse_start(code, message);
    i32::from(code)
}

/// Opens the window on `data_dir` and runs until it closes.
pub fn run_window(data_dir: DataDir) -> ExitCode {
    // Before any thread starts: it may set a variable WebKit reads.
    super::painting::choose();
    // A folder that exists but cannot be written is opened to read: two
    // windows on it cannot harm it, so it needs no lock.
    let read_only = data_dir.path.is_dir() && !backup::folder_is_writable(&data_dir.path);
    let lock = match lock_data_dir(&data_dir) {
        Ok(lock) => lock,
        Err(_) if read_only => None,
        Err(e) => {
            let folder = data_dir.path.display();
            return refuse_start(2, format!("cannot use the data folder {folder}: {e}"));
        }
    };
    // On the default folder the single-instance plugin hands a second launch
    // over to the first window, which comes to the front. On a folder given
    // with --data-dir that cannot apply (the plugin knows one name per app),
    // so a second launch is refused here.
    if lock.is_none() && !data_dir.is_default && !read_only {
        let folder = data_dir.path.display();
        return refuse_start(
            3,
            format!("Loopready is already open on {folder}. Close that window first, or use another --data-dir."),
        );
    }
    // The database is opened and checked on its own thread (quick_check
    // reads the whole file) while GTK, the plugins, the menu and the window
    // start; the setup hook waits for it. Nothing else may open the file
    // before then: a damaged one may still be replaced by a backup.
    let opening = std::thread::spawn({
        let folder = data_dir.path.clone();
        move || open_data(&folder, read_only)
    });

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
    let window_state_file = data_dir.path.join(WINDOW_STATE_FILE);
    let db_path = data_dir.db_path();
    let db_at_exit = db_path.clone();
    let app = builder
        .plugin(crate::shell::log::plugin(&data_dir.path, !read_only))
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        // Size, position and maximised state, kept beside the data so each
        // data folder (and each test) has its own.
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_filename(window_state_file.to_string_lossy())
                .build(),
        )
        .setup(move |app| {
            let Opened {
                store,
                notices,
                writable,
                restored,
                early_warnings,
            } = match opening.join() {
                Ok(Ok(opened)) => opened,
                Ok(Err((code, e))) => std::process::exit(refused(code, e)),
                Err(_) => std::process::exit(refused(1, "the data could not be opened")),
            };
            // The timer's and the reminder's own connections: to the file, to
            // read it in a read-only folder, or to a scratch database beside a
            // window on a file from a newer Loopready (which must not be touched).
            let side_store = || -> crate::error::AppResult<Store> {
                if read_only {
                    Store::open_read_only(&db_path)
                } else if writable {
                    Store::open(&db_path)
                } else {
                    Store::open_in_memory()
                }
            };
            for warning in &early_warnings {
                log::warn!("{warning}");
            }
            let notifier: Arc<dyn crate::shell::notify::Notifier> =
                Arc::new(PluginNotifier::new(app.handle().clone()));
            let sink = TauriSink {
                app: app.handle().clone(),
                notifier: notifier.clone(),
                store: side_store()?,
            };
            let timer = TimerHandle::spawn(SystemClock, sink, restored, timer_config())?;
            crate::commands::reminder::spawn_reminder(
                app.handle().clone(),
                notifier.clone(),
                side_store()?,
            )?;
            // A file this version only reads is neither backed up nor synced.
            if writable {
                // Opened now that the file is open (and recovered if it had
                // to be); the exit handler finds it here.
                let backups = Arc::new(Mutex::new(AutoBackup::new(&data_path)));
                spawn_auto_backup(backups.clone(), app.handle().clone())?;
                app.manage(backups);
                app.manage(crate::commands::sync::spawn_sync(
                    app.handle().clone(),
                    Store::open(&db_path)?,
                )?);
            }
            app.manage(spawn_window_state_saver(app.handle().clone())?);
            let _ = OPENED.set(std::time::Instant::now());
            if let (Ok(theme), Some(window)) = (
                crate::commands::system::stored_theme(&store),
                app.get_webview_window("main"),
            ) {
                let _ = window.set_theme(theme.native());
            }
            app.manage(
                AppState::new(store, data_path, notifier)
                    .with_timer(timer)
                    .with_notices(notices),
            );
            app.manage(crate::shell::tray::create(app.handle()));
            crate::shell::tray::spawn_updater(app.handle().clone())?;
            crate::shell::startup::mark("SETUP");
            Ok(())
        })
        .menu(crate::shell::menu::build)
        .on_menu_event(|app, event| crate::shell::menu::handle(app, event.id().as_ref()))
        .on_window_event(on_window_event)
        .invoke_handler(commands::handlers())
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(e) => return refuse_start(1, format!("the window could not run: {e}")),
    };
    app.run(move |app, event| match event {
        // Only a file this window writes has backups (set up in setup).
        tauri::RunEvent::Exit => {
            let Some(backups) = app.try_state::<Arc<Mutex<AutoBackup>>>() else {
                return;
            };
            if let Ok(mut b) = backups.lock() {
                let _ = b.run_if_changed(Utc::now(), chrono::Duration::zero(), "exit");
            }
            // The last edits reach the sync folder now, not at the next start.
            match Store::open(&db_at_exit).and_then(|s| crate::service::sync::flush(&s)) {
                Ok(_) => {}
                Err(e) => log::warn!(
                    "the last changes could not be written to the sync folder at exit: {e}"
                ),
            }
        }
        // A click on the Dock icon brings back a window hidden to the menu bar.
        #[cfg(target_os = "macos")]
        tauri::RunEvent::Reopen { .. } => crate::shell::tray::show_window(app),
        _ => {}
    });
    drop(lock);
    ExitCode::SUCCESS
}

/// How often the backup thread looks for changes, and the least time
/// between two automatic backups.
const BACKUP_POLL: std::time::Duration = std::time::Duration::from_secs(60);
const BACKUP_EVERY_MINUTES: i64 = 30;
/// Test seam: the backup thread's poll in milliseconds, so an end-to-end
/// test can see a failing backup without waiting a minute.
const BACKUP_POLL_MS_ENV: &str = "LOOPREADY_BACKUP_POLL_MS";
/// The event that tells the page of a problem met in the background.
pub const PROBLEM_EVENT: &str = "app-problem";

fn backup_poll() -> std::time::Duration {
    std::env::var(BACKUP_POLL_MS_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&ms| ms > 0)
        .map_or(BACKUP_POLL, std::time::Duration::from_millis)
}
/// The window-state plugin's file, in the data folder.
pub const WINDOW_STATE_FILE: &str = "window-state.json";

/// Backs the database up when something changed: at most every 30 minutes
/// while the app runs, and at exit. It has its own connection, so
/// `data_version` moves whenever the window, the timer or the command line
/// committed something.
struct AutoBackup {
    data_dir: PathBuf,
    store: Option<Store>,
    seen_version: Option<i64>,
    /// The last attempt, made or failed: a failing backup is retried no
    /// sooner than a working one would run again.
    last_try: Option<DateTime<Utc>>,
    /// Whether the window was already told that backups fail; it is told
    /// once, the log file gets every failure.
    told: bool,
}

impl AutoBackup {
    /// Backups of `data_dir`, whose file the start has already opened (and
    /// recovered if it had to be); changes count from here.
    fn new(data_dir: &std::path::Path) -> Self {
        let store = Store::open(&data_dir.join(crate::store::DB_FILE)).ok();
        let seen_version = store.as_ref().and_then(|s| s.data_version().ok());
        AutoBackup {
            data_dir: data_dir.to_owned(),
            store,
            seen_version,
            last_try: None,
            told: false,
        }
    }

    /// Backs up when there is something new; returns what the window
    /// should be told, the first time a backup fails.
    fn run_if_changed(
        &mut self,
        now: DateTime<Utc>,
        min_gap: chrono::Duration,
        reason: &str,
    ) -> Option<String> {
        let Some(store) = &self.store else {
            return None;
        };
        // The window's connection leaves checkpoints to this thread.
        if let Err(e) = store.checkpoint() {
            log::warn!("the write-ahead log could not be checkpointed: {e}");
        }
        if let Err(e) = store.tidy_search_index() {
            log::warn!("the search index could not be merged: {e}");
        }
        let Ok(version) = store.data_version() else {
            return None;
        };
        if Some(version) == self.seen_version || self.last_try.is_some_and(|t| now - t < min_gap) {
            return None;
        }
        let dir = backup::backup_dir(&self.data_dir);
        self.last_try = Some(now);
        match backup::create(store, &dir, now, reason) {
            Ok(_) => {
                self.seen_version = Some(version);
                let policy = backup::policy(store).unwrap_or_default();
                if let Err(e) = backup::thin(&dir, policy) {
                    log::warn!("old backups could not be thinned: {e}");
                }
            }
            Err(e) => {
                log::error!("automatic backup into {} failed: {e}", dir.display());
                if !self.told {
                    self.told = true;
                    return Some(format!(
                        "The automatic backup failed: {e}. Your data is saved, but no new backup \
                         is made until this is fixed; the log file in Settings has the details."
                    ));
                }
            }
        }
        None
    }
}

fn spawn_auto_backup<R: tauri::Runtime>(
    backups: Arc<Mutex<AutoBackup>>,
    app: tauri::AppHandle<R>,
) -> std::io::Result<()> {
    let poll = backup_poll();
    std::thread::Builder::new()
        .name("loopready-backup".into())
        .spawn(move || loop {
            std::thread::sleep(poll);
            let told = match backups.lock() {
                Ok(mut b) => b.run_if_changed(
                    Utc::now(),
                    chrono::Duration::minutes(BACKUP_EVERY_MINUTES),
                    "auto",
                ),
                Err(_) => return,
            };
            if let Some(message) = told {
                let _ = app.emit(PROBLEM_EVENT, message);
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{fit_into, AutoBackup, Rect};
    use crate::store::{settings, Store, DB_FILE};

    #[test]
    fn a_failing_backup_is_told_once_and_retried_after_the_gap() {
        let dir = tempfile::tempdir().unwrap();
        let writer = Store::open(&dir.path().join(DB_FILE)).unwrap();
        std::fs::write(dir.path().join("backups"), b"not a folder").unwrap();
        let mut backups = AutoBackup::new(dir.path());
        let now = chrono::Utc::now();
        let gap = chrono::Duration::minutes(30);
        settings::set(&writer, "k", "1").unwrap();
        let first = backups.run_if_changed(now, gap, "auto");
        assert!(first.is_some_and(|m| m.contains("automatic backup failed")));
        // Within the gap nothing is tried; after it, the failure is not told again.
        settings::set(&writer, "k", "2").unwrap();
        assert_eq!(backups.last_try, Some(now));
        assert_eq!(backups.run_if_changed(now + gap / 2, gap, "auto"), None);
        assert_eq!(backups.last_try, Some(now));
        assert_eq!(backups.run_if_changed(now + gap, gap, "auto"), None);
        assert_eq!(
            backups.last_try,
            Some(now + gap),
            "retried once the gap passed"
        );
    }

    const SCREEN: Rect = Rect {
        x: 0,
        y: 0,
        width: 1280,
        height: 800,
    };

    fn rect(x: i32, y: i32, width: u32, height: u32) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn a_window_inside_the_screen_stays_where_it_is() {
        let w = rect(100, 50, 900, 600);
        assert_eq!(fit_into(w, SCREEN), w);
    }

    #[test]
    fn a_window_larger_than_the_screen_shrinks_to_it() {
        assert_eq!(fit_into(rect(-40, -20, 2560, 1440), SCREEN), SCREEN);
    }

    #[test]
    fn a_window_off_an_edge_moves_back_inside() {
        assert_eq!(
            fit_into(rect(3000, 700, 900, 600), SCREEN),
            rect(380, 200, 900, 600)
        );
        assert_eq!(
            fit_into(rect(-500, -90, 900, 600), SCREEN),
            rect(0, 0, 900, 600)
        );
    }

    #[test]
    fn a_second_monitor_to_the_left_is_a_screen_like_any_other() {
        let left = rect(-1920, 0, 1920, 1080);
        assert_eq!(
            fit_into(rect(-100, 10, 800, 600), left),
            rect(-800, 10, 800, 600)
        );
    }
}
