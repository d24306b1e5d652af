//! The commands through Tauri's mock runtime, as the window calls them:
//! arguments, answers, refusals by field, the timer's thread.

#[path = "../support/ipc.rs"]
mod ipc;

mod commands;
mod every_command;
mod timer;
