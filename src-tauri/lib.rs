//! Loopready: an offline desktop coach for Amazon L6/L7 interview
//! preparation. `run()` is the whole program: a headless subcommand when one
//! is given, otherwise the window.

#[cfg(test)]
mod architecture;
pub mod cli;
pub mod commands;
pub mod error;
pub mod plan;
pub mod practice;
pub mod problems;
pub mod service;
pub mod shell;
pub mod store;
pub mod stories;
pub mod timer;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::shell::paths::{DataDir, DATA_DIR_ENV};

/// Entry point of the binary.
pub fn run() -> ExitCode {
    shell::startup::mark("MAIN");
    pipe_closes_quietly(true);
    let cli = cli::Cli::parse();
    let env_dir = std::env::var_os(DATA_DIR_ENV).map(PathBuf::from);
    let Some(data_dir) = DataDir::resolve(cli.data_dir.clone(), env_dir) else {
        return cli::refuse(2, "no data folder could be found; pass --data-dir DIR");
    };
    match cli.command {
        Some(command) => cli::run(command, &data_dir),
        None => {
            pipe_closes_quietly(false);
            shell::app::run_window(data_dir)
        }
    }
}

/// On the command line a closed pipe (output piped into `head`) ends the
/// process quietly, as with other command-line tools, where Rust's default
/// (the signal ignored) makes the next print panic. The window goes back to
/// that default: a closed socket there is an error to handle, not an exit.
fn pipe_closes_quietly(on: bool) {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to a constant, before any
    // thread of ours starts and after the window's own use is decided.
    unsafe {
        libc::signal(
            libc::SIGPIPE,
            if on { libc::SIG_DFL } else { libc::SIG_IGN },
        );
    }
    #[cfg(not(unix))]
    let _ = on;
}
