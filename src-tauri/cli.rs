//! The headless command line: the same binary answers subcommands without
//! opening a window, for scripting and tests. Every subcommand takes
//! `--data-dir` and goes through the same validation as the window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::commands::profile::{ProfileInput, ProfileView};
use crate::commands::today;
use crate::error::{AppError, AppResult};
use crate::paths::DataDir;
use crate::store::{self, Store};

#[derive(Debug, Parser)]
#[command(
    name = "loopready",
    version,
    about = "Offline coach for Amazon L6/L7 interview preparation"
)]
pub struct Cli {
    /// Folder holding the database (default: the OS app-data folder; also LOOPREADY_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show or set the candidate's profile.
    Profile(ProfileCmd),
}

#[derive(Debug, Args)]
pub struct ProfileCmd {
    /// Print as JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    action: Option<ProfileAction>,
}

#[derive(Debug, Subcommand)]
enum ProfileAction {
    /// Store a new profile (refused values write nothing and exit non-zero).
    Set(ProfileSet),
}

#[derive(Debug, Args)]
struct ProfileSet {
    /// Interview date, YYYY-MM-DD.
    #[arg(long)]
    interview: String,
    /// Target level: L6 or L7.
    #[arg(long)]
    level: String,
    /// manager or ic.
    #[arg(long)]
    track: String,
    /// engineer, senior-engineer, principal, manager or senior-manager.
    #[arg(long)]
    current: String,
    /// Hours per week available, 1-80.
    #[arg(long, allow_negative_numbers = true)]
    hours: i64,
    /// low, medium or high.
    #[arg(long)]
    risk: String,
    /// Preparation weekdays, comma separated (default mon..fri).
    #[arg(long, default_value = "mon,tue,wed,thu,fri")]
    days: String,
}

/// Runs a subcommand and returns the process exit code; errors go to stderr.
pub fn run(command: Command, data_dir: &DataDir) -> ExitCode {
    match dispatch(command, data_dir) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(command: Command, data_dir: &DataDir) -> AppResult<String> {
    let store = Store::open(&data_dir.db_path())?;
    match command {
        Command::Profile(cmd) => profile(&store, cmd),
    }
}

fn profile(store: &Store, cmd: ProfileCmd) -> AppResult<String> {
    let today = today();
    if let Some(ProfileAction::Set(set)) = cmd.action {
        let input = ProfileInput {
            interview_date: set.interview,
            target_level: set.level.to_uppercase(),
            track: set.track,
            current_level: set.current,
            hours_per_week: set.hours,
            prep_days: set.days.split(',').map(str::to_owned).collect(),
            risk: set.risk,
        };
        let profile = input.parse(today)?;
        store::profile::save(store, &profile)?;
    }
    let view = store::profile::get(store)?.map(|p| ProfileView::new(p, today));
    if cmd.json {
        let json = serde_json::json!({
            "profile": view.as_ref().map(|v| &v.profile),
            "daysLeft": view.as_ref().map(|v| v.days_left),
        });
        return serde_json::to_string_pretty(&json).map_err(|e| AppError::Internal(e.to_string()));
    }
    Ok(match view {
        None => "No profile yet: run `loopready profile set ...` or open the app.".to_owned(),
        Some(v) => format!(
            "Interview {} ({} days left), target {:?}, {} h/week",
            v.profile.interview_date, v.days_left, v.profile.target_level, v.profile.hours_per_week
        ),
    })
}
