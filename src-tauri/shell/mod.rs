//! The desktop shell: the window and its plugins, the native menu, the tray,
//! notifications, the log file, where the data folder is, and safe file
//! writes. Everything here talks to the OS or to Tauri; the rules it acts on
//! live in the domain folders and the storage in `store`.

pub mod actions;
pub mod app;
/// Safe file writes live with the storage, which the sync folder needs too.
pub use crate::store::files;
pub mod log;
pub mod menu;
pub mod notify;
pub mod painting;
pub mod paths;
pub mod startup;
pub mod tray;
