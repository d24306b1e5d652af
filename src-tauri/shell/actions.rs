//! The ids the native menu, the tray and the page share: one list, so the
//! menu and the tray need not read each other's.

/// The event the page hears a menu or tray action on.
pub const MENU_EVENT: &str = "menu";

/// The tray's items; the window menu answers to the same ids.
pub const OPEN: &str = "tray-open";
pub const TOGGLE: &str = "tray-toggle";
pub const QUIT: &str = "quit";
