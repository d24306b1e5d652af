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
    let cli = cli::Cli::parse();
    let env_dir = std::env::var_os(DATA_DIR_ENV).map(PathBuf::from);
    let Some(data_dir) = DataDir::resolve(cli.data_dir.clone(), env_dir) else {
        return cli::refuse(2, "no data folder could be found; pass --data-dir DIR");
    };
    match cli.command {
        Some(command) => cli::run(command, &data_dir),
        None => shell::app::run_window(data_dir),
    }
}
