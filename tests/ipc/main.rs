//! The commands through Tauri's mock runtime, as the window calls them:
//! arguments, answers, refusals by field, the timer's thread; and the
//! soak's kill cycles and hostile calls on the same commands.

#[path = "../support/ipc.rs"]
mod ipc;
#[path = "../support/proc.rs"]
mod proc;
#[path = "../support/soak.rs"]
mod soak;

mod commands;
mod every_command;
mod hostile;
mod kills;
mod timer;
