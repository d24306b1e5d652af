//! The tray icon (the menu bar on macOS): the running round's time left,
//! start / pause / resume, the way back to a hidden window, and quit.
//!
//! Closing the window while a round runs hides it instead, so the round
//! keeps its time and its notifications; the first time, a notification
//! says where Loopready went.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::commands::AppState;
use crate::shell::actions::{MENU_EVENT, OPEN, QUIT, TOGGLE};
use crate::store;
use crate::timer::engine::clock_text;
use crate::timer::{Command, RunState, Status};

const SUMMARY: &str = "tray-summary";

/// Settings key: the "still running in the tray" notice was shown once.
const HINT_SETTING: &str = "tray.hint_shown";

/// What the tray's single action does for the current round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    /// No round: open the Mock timer view to pick one.
    Start,
    Pause,
    Resume,
}

impl Toggle {
    pub fn label(self) -> &'static str {
        match self {
            Toggle::Start => "Start a mock round…",
            Toggle::Pause => "Pause the round",
            Toggle::Resume => "Resume the round",
        }
    }
}

/// What the tray shows for one timer status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayView {
    /// Text beside the icon (Linux and macOS): the round's time left.
    pub title: Option<String>,
    /// The menu's first line and the hover text.
    pub summary: String,
    pub toggle: Toggle,
}

/// The tray for `status` (`None` when no round exists).
pub fn view(status: Option<&Status>) -> TrayView {
    let Some(s) = status else {
        return TrayView {
            title: None,
            summary: "No mock round running".into(),
            toggle: Toggle::Start,
        };
    };
    if s.finished {
        return TrayView {
            title: None,
            summary: format!("{} finished: score it in Loopready", s.template_name),
            toggle: Toggle::Start,
        };
    }
    let paused = matches!(s.state, RunState::Paused { .. });
    let left = clock_text(s.round_remaining_ms);
    let phase = format!(
        "{} · {} · {} left in the phase",
        s.template_name,
        s.phase_name,
        clock_text(s.phase_remaining_ms)
    );
    TrayView {
        title: Some(if paused {
            format!("{left} paused")
        } else {
            left
        }),
        summary: if paused {
            format!("{phase} (paused)")
        } else {
            phase
        },
        toggle: if paused {
            Toggle::Resume
        } else {
            Toggle::Pause
        },
    }
}

/// Whether closing the window should hide it to the tray instead: only
/// while a round's clock runs, only when a tray exists, never when the user
/// chose Quit. A paused round needs no clock: it is saved and comes back
/// paused at the next start.
pub fn keeps_running(status: Option<&Status>, tray_shown: bool, quitting: bool) -> bool {
    tray_shown
        && !quitting
        && status.is_some_and(|s| !s.finished && matches!(s.state, RunState::Running { .. }))
}

/// How long to wait before the tray's clock next changes: just past the
/// next whole second of the round's time left while it runs, else a second.
pub fn next_refresh(status: Option<&Status>) -> Duration {
    match status {
        Some(s) if !s.finished && matches!(s.state, RunState::Running { .. }) => {
            let into_second = s.round_remaining_ms.rem_euclid(1000);
            Duration::from_millis(into_second as u64 + 20)
        }
        _ => Duration::from_secs(1),
    }
}

/// The tray, kept in the app's state for the close handler and the menu.
pub struct Tray<R: Runtime> {
    icon: Option<TrayIcon<R>>,
    summary: Option<MenuItem<R>>,
    toggle: Option<MenuItem<R>>,
    /// Set by Quit, so the close that follows really closes.
    pub quitting: AtomicBool,
}

impl<R: Runtime> Tray<R> {
    /// Whether an icon was created (a desktop without a tray still runs).
    pub fn shown(&self) -> bool {
        self.icon.is_some()
    }
}

/// Creates the tray icon and its menu. A desktop that cannot show one
/// (no tray library) gets none, and the window closes as usual.
pub fn create<R: Runtime>(app: &AppHandle<R>) -> Tray<R> {
    match build(app) {
        Ok((icon, summary, toggle)) => Tray {
            icon: Some(icon),
            summary: Some(summary),
            toggle: Some(toggle),
            quitting: AtomicBool::new(false),
        },
        Err(e) => {
            log::warn!("no tray icon: {e}");
            Tray {
                icon: None,
                summary: None,
                toggle: None,
                quitting: AtomicBool::new(false),
            }
        }
    }
}

type Built<R> = (TrayIcon<R>, MenuItem<R>, MenuItem<R>);

fn build<R: Runtime>(app: &AppHandle<R>) -> Result<Built<R>, String> {
    if !library_present() {
        return Err("the tray library (libayatana-appindicator3) is not installed".into());
    }
    let start = view(None);
    let summary = MenuItem::with_id(app, SUMMARY, &start.summary, false, None::<&str>)
        .map_err(|e| e.to_string())?;
    let toggle = MenuItem::with_id(app, TOGGLE, start.toggle.label(), true, None::<&str>)
        .map_err(|e| e.to_string())?;
    let open = MenuItem::with_id(app, OPEN, "Open Loopready", true, None::<&str>)
        .map_err(|e| e.to_string())?;
    let quit = MenuItem::with_id(app, QUIT, "Quit Loopready", true, None::<&str>)
        .map_err(|e| e.to_string())?;
    let line = PredefinedMenuItem::separator(app).map_err(|e| e.to_string())?;
    let line2 = PredefinedMenuItem::separator(app).map_err(|e| e.to_string())?;
    let menu = Menu::with_items(app, &[&summary, &line, &toggle, &open, &line2, &quit])
        .map_err(|e| e.to_string())?;
    let icon = app
        .default_window_icon()
        .cloned()
        .ok_or("the app has no icon")?;
    let tray = TrayIconBuilder::with_id("main")
        .icon(icon)
        .tooltip("Loopready")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                show_window(tray.app_handle());
            }
        })
        .build(app)
        .map_err(|e| e.to_string())?;
    Ok((tray, summary, toggle))
}

/// The Linux tray loads its library at run time and aborts the app without
/// it; try loading it the same way first.
#[cfg(target_os = "linux")]
fn library_present() -> bool {
    const NAMES: [&std::ffi::CStr; 2] =
        [c"libayatana-appindicator3.so.1", c"libappindicator3.so.1"];
    NAMES.iter().any(|name| {
        // SAFETY: dlopen with a valid C string. The handle is left open on
        // purpose: the tray loads the same library next, and unloading a
        // GObject library is not safe.
        let handle = unsafe { libc::dlopen(name.as_ptr(), libc::RTLD_LAZY | libc::RTLD_LOCAL) };
        !handle.is_null()
    })
}

#[cfg(not(target_os = "linux"))]
fn library_present() -> bool {
    true
}

/// Brings the window back from the tray, minimised or hidden.
pub fn show_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Sends `command` to the timer thread; `None` when the app has none.
fn send<R: Runtime>(app: &AppHandle<R>, command: Command) -> Option<crate::timer::driver::Reply> {
    Some(app.try_state::<AppState>()?.timer.as_ref()?.send(command))
}

fn timer_status<R: Runtime>(app: &AppHandle<R>) -> Option<Status> {
    send(app, Command::Status)?.ok().flatten()
}

/// The tray's action: pause or resume the round in place, or open the
/// Mock timer view to start one. The page hears of it to repaint.
pub fn toggle<R: Runtime>(app: &AppHandle<R>) {
    let status = timer_status(app);
    let command = match view(status.as_ref()).toggle {
        Toggle::Pause => Command::Pause,
        Toggle::Resume => Command::Resume,
        Toggle::Start => {
            show_window(app);
            let _ = app.emit(MENU_EVENT, "view:timer");
            return;
        }
    };
    if let Some(Err(e)) = send(app, command) {
        log::warn!("the round could not be paused or resumed: {e}");
    }
    let _ = app.emit(MENU_EVENT, "timer-changed");
}

/// Quit from a menu: close the window for real (saving typed text first).
pub fn quit<R: Runtime>(app: &AppHandle<R>) {
    if let Some(tray) = app.try_state::<Tray<R>>() {
        tray.quitting.store(true, Ordering::SeqCst);
    }
    match app.get_webview_window("main") {
        Some(window) => {
            let _ = window.close();
        }
        None => app.exit(0),
    }
}

/// Called when the window is asked to close: hides it instead while a round
/// runs, and says so the first time. Returns whether it did.
pub fn hide_instead_of_close<R: Runtime>(window: &tauri::Window<R>) -> bool {
    let app = window.app_handle();
    let Some(tray) = app.try_state::<Tray<R>>() else {
        return false;
    };
    let status = timer_status(app);
    if !keeps_running(
        status.as_ref(),
        tray.shown(),
        tray.quitting.load(Ordering::SeqCst),
    ) {
        return false;
    }
    if window.hide().is_err() {
        return false;
    }
    if let Some(state) = app.try_state::<AppState>() {
        let seen = state
            .store()
            .ok()
            .and_then(|s| store::settings::get(&s, HINT_SETTING).ok().flatten())
            .is_some();
        if !seen {
            let _ = state.notifier.notify(
                "Loopready is still running",
                "Your mock round keeps time in the tray. Open Loopready or quit from the tray icon's menu.",
            );
            if let Ok(s) = state.store() {
                let _ = store::settings::set(&s, HINT_SETTING, "1");
            }
        }
    }
    true
}

/// Keeps the tray's clock and menu in step with the timer, on its own thread.
pub fn spawn_updater<R: Runtime>(app: AppHandle<R>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("loopready-tray".into())
        .spawn(move || {
            let mut shown: Option<TrayView> = None;
            loop {
                let status = timer_status(&app);
                let next = view(status.as_ref());
                if shown.as_ref() != Some(&next) {
                    if let Some(tray) = app.try_state::<Tray<R>>() {
                        paint(&tray, shown.as_ref(), &next);
                    }
                    shown = Some(next);
                }
                std::thread::sleep(next_refresh(status.as_ref()));
            }
        })?;
    Ok(())
}

fn paint<R: Runtime>(tray: &Tray<R>, before: Option<&TrayView>, now: &TrayView) {
    let Some(icon) = &tray.icon else { return };
    if before.map(|b| &b.title) != Some(&now.title) {
        let _ = icon.set_title(now.title.as_deref());
        let tip = match &now.title {
            Some(left) => format!("Loopready: {left}"),
            None => "Loopready".into(),
        };
        let _ = icon.set_tooltip(Some(tip));
    }
    if before.map(|b| &b.summary) != Some(&now.summary) {
        if let Some(item) = &tray.summary {
            let _ = item.set_text(&now.summary);
        }
    }
    if before.map(|b| b.toggle) != Some(now.toggle) {
        if let Some(item) = &tray.toggle {
            let _ = item.set_text(now.toggle.label());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timer::templates::RoundKind;
    use chrono::{TimeZone, Utc};

    fn status(state: RunState, finished: bool) -> Status {
        Status {
            template_name: "System design".into(),
            kind: RoundKind::SystemDesign,
            state,
            phase_index: 1,
            phase_count: 4,
            phase_name: "High-level design".into(),
            round: None,
            phase_remaining_ms: 4 * 60_000 + 10_500,
            round_remaining_ms: 42 * 60_000 + 5_250,
            total_remaining_ms: 42 * 60_000 + 5_250,
            elapsed_ms: 17 * 60_000,
            total_ms: 60 * 60_000,
            progress: 0.3,
            next_phase: None,
            phase_ends_at: None,
            round_ends_at: None,
            finished,
        }
    }

    fn running() -> Status {
        let anchor = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        status(RunState::Running { anchor }, false)
    }

    fn paused() -> Status {
        let since = Utc.with_ymd_and_hms(2026, 11, 25, 9, 17, 0).unwrap();
        status(
            RunState::Paused {
                elapsed_ms: 17 * 60_000,
                reason: crate::timer::PauseReason::User,
                since,
            },
            false,
        )
    }

    #[test]
    fn no_round_offers_to_start_one() {
        let v = view(None);
        assert_eq!(v.title, None);
        assert_eq!(v.toggle, Toggle::Start);
        assert_eq!(v.summary, "No mock round running");
    }

    #[test]
    fn a_running_round_shows_its_time_left_rounded_up() {
        let v = view(Some(&running()));
        assert_eq!(v.title.as_deref(), Some("42:06"));
        assert_eq!(
            v.summary,
            "System design · High-level design · 4:11 left in the phase"
        );
        assert_eq!(v.toggle, Toggle::Pause);
    }

    #[test]
    fn a_paused_round_says_so_and_offers_resume() {
        let v = view(Some(&paused()));
        assert_eq!(v.title.as_deref(), Some("42:06 paused"));
        assert!(v.summary.ends_with("(paused)"));
        assert_eq!(v.toggle, Toggle::Resume);
    }

    #[test]
    fn a_finished_round_asks_for_its_score() {
        let mut s = running();
        s.finished = true;
        let v = view(Some(&s));
        assert_eq!(v.title, None);
        assert!(v.summary.contains("score it"));
        assert_eq!(v.toggle, Toggle::Start);
    }

    #[test]
    fn only_a_running_round_with_a_tray_keeps_the_app_running() {
        assert!(keeps_running(Some(&running()), true, false));
        assert!(!keeps_running(Some(&paused()), true, false), "paused");
        assert!(!keeps_running(Some(&running()), false, false), "no tray");
        assert!(!keeps_running(Some(&running()), true, true), "quitting");
        assert!(!keeps_running(None, true, false), "no round");
        let mut done = running();
        done.finished = true;
        assert!(!keeps_running(Some(&done), true, false), "finished");
    }

    #[test]
    fn the_clock_refreshes_on_the_second_it_changes() {
        // 42:05.250 left: the display changes from 42:06 to 42:05 in 250 ms.
        assert_eq!(next_refresh(Some(&running())), Duration::from_millis(270));
        assert_eq!(next_refresh(Some(&paused())), Duration::from_secs(1));
        assert_eq!(next_refresh(None), Duration::from_secs(1));
    }
}
