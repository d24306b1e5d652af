//! The window's native menu: File, Edit, View, Timer and Help (and the
//! application menu on macOS). Actions the page performs reach it as a
//! `menu` event naming the action; the rest are done here.

use tauri::menu::{AboutMetadata, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::shell::actions::{self, MENU_EVENT};
use crate::shell::tray;

/// The views in navigation order, as the page names them.
pub const VIEWS: [(&str, &str); 11] = [
    ("today", "Today"),
    ("plan", "Plan"),
    ("stories", "Stories"),
    ("rehearse", "Rehearse"),
    ("timer", "Mock timer"),
    ("log", "Log"),
    ("dashboard", "Dashboard"),
    ("sheet", "Interview day"),
    ("assessment", "Assessment"),
    ("reference", "Reference"),
    ("settings", "Settings"),
];

const CLOSE: &str = "close-window";
const TIMER_TOGGLE: &str = "timer-toggle";

/// Items whose id is the page action itself.
const PAGE_ACTIONS: [&str; 4] = ["new-story", "search", "log", "shortcuts"];

fn item<R: Runtime>(
    app: &AppHandle<R>,
    id: &str,
    text: &str,
    accelerator: Option<&str>,
) -> tauri::Result<MenuItem<R>> {
    MenuItem::with_id(app, id, text, true, accelerator)
}

fn about<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PredefinedMenuItem<R>> {
    let info = app.package_info();
    let metadata = AboutMetadata {
        name: Some(info.name.clone()),
        version: Some(info.version.to_string()),
        comments: Some(
            "An offline coach for Amazon L6/L7 interview preparation. Everything stays on this computer."
                .into(),
        ),
        copyright: Some("© 2026 Loopready".into()),
        license: Some("MIT".into()),
        icon: app.default_window_icon().cloned(),
        ..Default::default()
    };
    PredefinedMenuItem::about(app, Some("About Loopready"), Some(metadata))
}

/// Builds the menu bar.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let sep = || PredefinedMenuItem::separator(app);
    let quit = item(app, actions::QUIT, "Quit Loopready", Some("CmdOrCtrl+Q"))?;

    let file = Submenu::with_items(
        app,
        "File",
        true,
        &[
            &item(app, "new-story", "New story", None)?,
            &item(app, "log", "Log practice", None)?,
            &item(app, "search", "Search stories", None)?,
            &sep()?,
            &item(app, CLOSE, "Close window", Some("CmdOrCtrl+W"))?,
            #[cfg(not(target_os = "macos"))]
            &quit,
        ],
    )?;

    let edit = Submenu::with_items(
        app,
        "Edit",
        true,
        &[
            // GTK has no undo or redo items; the editor's own keys still work.
            #[cfg(not(target_os = "linux"))]
            &PredefinedMenuItem::undo(app, None)?,
            #[cfg(not(target_os = "linux"))]
            &PredefinedMenuItem::redo(app, None)?,
            #[cfg(not(target_os = "linux"))]
            &sep()?,
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::select_all(app, None)?,
        ],
    )?;

    let view_items = VIEWS
        .iter()
        .map(|(id, title)| item(app, &format!("view:{id}"), title, None))
        .collect::<tauri::Result<Vec<_>>>()?;
    let view_refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = view_items
        .iter()
        .map(|i| i as &dyn tauri::menu::IsMenuItem<R>)
        .collect();
    let view = Submenu::with_items(app, "View", true, &view_refs)?;

    let timer = Submenu::with_items(
        app,
        "Timer",
        true,
        &[&item(
            app,
            TIMER_TOGGLE,
            "Pause or resume the round, or set one up…",
            None,
        )?],
    )?;

    let help = Submenu::with_items(
        app,
        "Help",
        true,
        &[
            &item(app, "shortcuts", "Keyboard shortcuts", None)?,
            &sep()?,
            &about(app)?,
        ],
    )?;

    #[cfg(target_os = "macos")]
    {
        let app_menu = Submenu::with_items(
            app,
            "Loopready",
            true,
            &[
                &about(app)?,
                &sep()?,
                &item(app, "view:settings", "Settings…", None)?,
                &sep()?,
                &PredefinedMenuItem::services(app, None)?,
                &sep()?,
                &PredefinedMenuItem::hide(app, None)?,
                &PredefinedMenuItem::hide_others(app, None)?,
                &PredefinedMenuItem::show_all(app, None)?,
                &sep()?,
                &quit,
            ],
        )?;
        Menu::with_items(app, &[&app_menu, &file, &edit, &view, &timer, &help])
    }
    #[cfg(not(target_os = "macos"))]
    Menu::with_items(app, &[&file, &edit, &view, &timer, &help])
}

/// What a menu id (from the window menu or the tray) does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show the window and let the page act on this name.
    Page(String),
    ToggleTimer,
    Open,
    Close,
    Quit,
    /// Handled by the OS (predefined items) or unknown.
    None,
}

pub fn action(id: &str) -> Action {
    match id {
        actions::OPEN => Action::Open,
        actions::TOGGLE | TIMER_TOGGLE => Action::ToggleTimer,
        actions::QUIT => Action::Quit,
        CLOSE => Action::Close,
        id if PAGE_ACTIONS.contains(&id) => Action::Page(id.into()),
        id if id
            .strip_prefix("view:")
            .is_some_and(|v| VIEWS.iter().any(|(name, _)| *name == v)) =>
        {
            Action::Page(id.into())
        }
        _ => Action::None,
    }
}

/// Runs a menu choice.
pub fn handle<R: Runtime>(app: &AppHandle<R>, id: &str) {
    match action(id) {
        Action::Page(name) => {
            tray::show_window(app);
            let _ = app.emit(MENU_EVENT, name);
        }
        Action::ToggleTimer => tray::toggle(app),
        Action::Open => tray::show_window(app),
        Action::Close => {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.close();
            }
        }
        Action::Quit => tray::quit(app),
        Action::None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_and_page_action_is_routed_to_the_page() {
        for (id, _) in VIEWS {
            assert_eq!(
                action(&format!("view:{id}")),
                Action::Page(format!("view:{id}"))
            );
        }
        for id in PAGE_ACTIONS {
            assert_eq!(action(id), Action::Page(id.into()));
        }
    }

    #[test]
    fn tray_and_window_items_share_their_actions() {
        assert_eq!(action(actions::TOGGLE), Action::ToggleTimer);
        assert_eq!(action(TIMER_TOGGLE), Action::ToggleTimer);
        assert_eq!(action(actions::OPEN), Action::Open);
        assert_eq!(action(actions::QUIT), Action::Quit);
        assert_eq!(action(CLOSE), Action::Close);
    }

    #[test]
    fn unknown_ids_do_nothing() {
        assert_eq!(action("view:nowhere"), Action::None);
        assert_eq!(action("tray-summary"), Action::None);
        assert_eq!(action(""), Action::None);
    }

    #[test]
    fn the_menu_lists_the_pages_views_in_order() {
        let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ui/main.js"))
            .expect("ui/main.js");
        let mut from = 0;
        for (id, title) in VIEWS {
            let entry = format!("{{ id: '{id}', title: '{title}'");
            let at = page[from..]
                .find(&entry)
                .unwrap_or_else(|| panic!("{entry} missing or out of order in ui/main.js"));
            from += at + entry.len();
        }
    }
}
