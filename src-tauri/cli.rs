//! The headless command line: the same binary answers subcommands without
//! opening a window, for scripting and tests. Every subcommand takes
//! `--data-dir` and goes through the same validation as the window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::error::{AppError, AppResult};
use crate::plan::catalog::{catalog, PlanId};
use crate::plan::schedule::build;
use crate::plan::select::recommend;
use crate::plan::tracking;
use crate::service::export::{self, ExportFormat};
use crate::service::profile::ProfileInput;
use crate::service::{practice, problems, stories, sync, today};
use crate::shell::paths::DataDir;
use crate::store::codec::from_text;
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
    /// Print the plan catalog (the five plans and the practice minimums).
    Plans {
        #[arg(long)]
        json: bool,
    },
    /// Recommend a plan and lay out its dated schedule (the database is not touched).
    Schedule(ScheduleCmd),
    /// Print the mock rounds that ended, newest first, with scores and phase overruns.
    Mocks {
        #[arg(long)]
        json: bool,
    },
    /// Print the story bank (not the trash).
    Stories {
        #[arg(long)]
        json: bool,
    },
    /// Print the problem bank (coding and system design) with your history of each.
    Problems {
        #[arg(long)]
        json: bool,
    },
    /// Print the Leadership Principles coverage of the story bank.
    Coverage {
        #[arg(long)]
        json: bool,
    },
    /// Add to the practice log (refused values write nothing and exit non-zero).
    Log(LogCmd),
    /// Practice counts, minutes, minimums, streak and readiness with its parts.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Write an export file (written to a temporary name, then renamed).
    Export {
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// json: everything, for `import`; markdown: the story bank;
        /// csv: the practice log; ics: the dated schedule for a calendar.
        #[arg(long, default_value = "json",
              value_parser = clap::builder::PossibleValuesParser::new(ExportFormat::NAMES))]
        format: String,
    },
    /// Sync with your other machines through a folder a sync program
    /// already keeps (Syncthing, Dropbox, iCloud Drive, OneDrive, git).
    #[command(subcommand)]
    Sync(SyncCmd),
    /// Import a JSON export: checked completely first, then applied in one
    /// transaction (nothing changes when anything is wrong). A database that
    /// already holds data needs --merge or --replace; either is preceded by
    /// a backup.
    Import {
        /// The export file.
        file: PathBuf,
        /// Keep what is here; add what is new; for a record on both sides,
        /// keep the one changed last.
        #[arg(long, conflicts_with = "replace")]
        merge: bool,
        /// Replace everything here with the file's contents.
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SyncCmd {
    /// Sync through DIR (writes this machine's first file there).
    Folder { dir: PathBuf },
    /// Name this machine as the others list it.
    Name { name: String },
    /// Write what changed here, then apply what the other machines wrote.
    Now {
        #[arg(long)]
        json: bool,
    },
    /// Where sync stands: this machine, the folder, each other machine.
    Status {
        #[arg(long)]
        json: bool,
    },
}

/// The profile as flags, shared by `profile set` and `schedule`.
#[derive(Debug, Args)]
struct ProfileFlags {
    /// Interview date, YYYY-MM-DD.
    #[arg(long)]
    interview: String,
    /// Target level: L6 or L7.
    #[arg(long)]
    level: String,
    /// manager or ic.
    #[arg(long, default_value = "ic")]
    track: String,
    /// engineer, senior-engineer, principal, manager or senior-manager.
    #[arg(long)]
    current: String,
    /// Hours per week available, 1-80.
    #[arg(long, allow_negative_numbers = true)]
    hours: f64,
    /// low, medium or high.
    #[arg(long)]
    risk: String,
    /// Preparation weekdays, comma separated (default mon..fri).
    #[arg(long, default_value = "mon,tue,wed,thu,fri")]
    days: String,
}

impl ProfileFlags {
    /// The same input the window's profile form sends.
    fn input(self) -> ProfileInput {
        ProfileInput {
            interview_date: self.interview,
            target_level: self.level.to_uppercase(),
            track: self.track,
            current_level: self.current,
            hours_per_week: Some(self.hours),
            prep_days: self.days.split(',').map(str::to_owned).collect(),
            risk: self.risk,
        }
    }
}

#[derive(Debug, Args)]
pub struct ScheduleCmd {
    #[command(flatten)]
    profile: ProfileFlags,
    /// First day of preparation (default today), YYYY-MM-DD.
    #[arg(long)]
    start: Option<String>,
    /// Follow this plan instead of the recommendation.
    #[arg(long)]
    plan: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
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
    Set(ProfileFlags),
}

/// Runs a subcommand and returns the process exit code; errors go to stderr.
pub fn run(command: Command, data_dir: &DataDir) -> ExitCode {
    match dispatch(command, data_dir) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => refuse(2, e),
    }
}

/// Says on standard error why Loopready stops (a command refused, or no
/// window could open) and gives the exit code. Once a window runs, problems
/// go to the log file instead (`shell::log`).
pub fn refuse(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(code)
}

fn dispatch(command: Command, data_dir: &DataDir) -> AppResult<String> {
    match command {
        Command::Profile(cmd) => profile(&Store::open(&data_dir.db_path())?, cmd),
        Command::Plans { json } => plans(json),
        Command::Schedule(cmd) => schedule(cmd),
        Command::Mocks { json } => mocks(&Store::open(&data_dir.db_path())?, json),
        Command::Stories { json } => story_list(
            &store::stories::list(&Store::open(&data_dir.db_path())?)?,
            json,
        ),
        Command::Problems { json } => problem_bank(
            &problems::bank_view(&Store::open(&data_dir.db_path())?)?,
            json,
        ),
        Command::Coverage { json } => coverage(
            &stories::coverage_of(&Store::open(&data_dir.db_path())?)?,
            json,
        ),
        Command::Log(cmd) => log(&Store::open(&data_dir.db_path())?, cmd),
        Command::Stats { json } => stats(&Store::open(&data_dir.db_path())?, json),
        Command::Sync(cmd) => sync(&Store::open(&data_dir.db_path())?, cmd, &data_dir.path),
        Command::Export { out, format } => {
            let store = Store::open(&data_dir.db_path())?;
            let text = export::render(&store, ExportFormat::from_name(&format)?)?;
            crate::shell::files::write_atomic(&out, text.as_bytes())?;
            Ok(format!("Wrote {}", out.display()))
        }
        Command::Import {
            file,
            merge,
            replace,
        } => {
            let mut store = Store::open(&data_dir.db_path())?;
            let mode = match (merge, replace) {
                (true, _) => Some(store::transfer::Mode::Merge),
                (_, true) => Some(store::transfer::Mode::Replace),
                _ => None,
            };
            export::import_file(&mut store, &data_dir.path, &file, mode)
        }
    }
}

/// The mock-round history, as JSON or one line per round.
fn mocks(store: &Store, json: bool) -> AppResult<String> {
    let history = store::timer::history(store)?;
    if json {
        return to_json(&history);
    }
    if history.is_empty() {
        return Ok("No mock rounds yet: time one in the app's Mock timer.".to_owned());
    }
    Ok(history
        .iter()
        .map(|m| {
            let score = m.score.as_ref().map_or("not scored".to_owned(), |s| {
                format!("{} ({})", s.verdict.label, s.weighted_text)
            });
            let mut line = format!(
                "{}  {}  {}",
                m.started_at
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M"),
                m.template_name,
                score
            );
            if !m.phase_notes.is_empty() {
                line = format!("{line}  {}", m.phase_notes.join("; "));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

fn to_json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string_pretty(value).map_err(|e| AppError::Internal(e.to_string()))
}

/// The recommendation and the schedule for the given profile, computed
/// without the database.
fn schedule(cmd: ScheduleCmd) -> AppResult<String> {
    let today = today();
    let start = match &cmd.start {
        Some(s) => s.parse::<NaiveDate>().map_err(|_| {
            AppError::Invalid(format!(
                "The start date must be a date like 2026-12-31 (got '{s}')."
            ))
        })?,
        None => today,
    };
    let hours = cmd.profile.hours;
    let input = cmd.profile.input();
    // Validated against the start date, so plans for a later start can be tried.
    let profile = input.parse(start)?;
    if profile.interview_date < start {
        return Err(AppError::Invalid(
            "The start date must be before the interview.".into(),
        ));
    }
    let recommendation = recommend(&profile, start);
    let plan_id = match &cmd.plan {
        Some(p) => from_text::<PlanId>(p, "plan")?,
        None => recommendation.plan_to_follow(),
    };
    let schedule = build(&tracking::input_for(
        &profile,
        plan_id,
        start,
        Default::default(),
        Vec::new(),
    ));
    // Each item with its named task, as a newcomer with no history would get it.
    let history = crate::problems::History::default();
    let world = crate::plan::tasks::World {
        today: start,
        start,
        interview: profile.interview_date,
        level: profile.target_level,
        track: profile.track,
        bank: crate::problems::bank(),
        history: &history,
        stories: &[],
        weak: &[],
        has_rounds: false,
    };
    let mut tasks = crate::plan::tasks::name_items(&schedule.days, &world, None);
    if cmd.json {
        let mut json =
            serde_json::to_value(&schedule).map_err(|e| AppError::Internal(e.to_string()))?;
        if let Some(days) = json.get_mut("days").and_then(|d| d.as_array_mut()) {
            for item in days
                .iter_mut()
                .filter_map(|d| d.get_mut("items").and_then(|i| i.as_array_mut()))
                .flatten()
            {
                let key = item
                    .get("key")
                    .and_then(|k| k.as_str())
                    .unwrap_or_default()
                    .to_string();
                if let (Some(task), Some(obj)) = (tasks.remove(&key), item.as_object_mut()) {
                    obj.insert(
                        "task".into(),
                        serde_json::to_value(task)
                            .map_err(|e| AppError::Internal(e.to_string()))?,
                    );
                }
            }
        }
        return to_json(
            &serde_json::json!({ "recommendation": recommendation, "planId": plan_id, "schedule": json }),
        );
    }
    let mut lines = vec![format!(
        "{}, {} to {} (the interview), {} h a week.",
        catalog()
            .plan(plan_id)
            .map_or("The plan", |p| p.name.as_str()),
        schedule.start,
        schedule.interview,
        hours
    )];
    lines.extend(recommendation.reasons.iter().map(|r| format!("  {r}")));
    lines.extend(schedule.warnings.iter().map(|w| format!("! {w}")));
    for day in &schedule.days {
        lines.push(String::new());
        lines.push(format!(
            "{}  plan week {}  {} of {} min",
            day.date.format("%a %Y-%m-%d"),
            day.plan_week,
            day.planned_minutes(),
            day.budget_minutes
        ));
        for item in &day.items {
            let title = tasks.get(&item.key).map_or(&item.title, |t| &t.title);
            lines.push(format!("  {:>3} min  {title}", item.minutes));
        }
    }
    Ok(lines.join("\n"))
}

/// The plan catalog, as JSON or one line per plan.
fn plans(json: bool) -> AppResult<String> {
    if json {
        return to_json(catalog());
    }
    Ok(catalog()
        .plans
        .iter()
        .map(|p| {
            let hours = match p.hours_per_week.max {
                Some(max) => format!("{}-{max}", p.hours_per_week.min),
                None => format!("{}+", p.hours_per_week.min),
            };
            format!(
                "{:<18} {}: {} weeks, {hours} h a week, {}% success. {}",
                p.id.as_str(),
                p.name,
                p.weeks,
                p.success_rate_percent,
                p.best_for
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The story bank, as JSON or one line per story.
fn story_list(list: &[store::stories::StoryRecord], json: bool) -> AppResult<String> {
    if json {
        return to_json(&list);
    }
    if list.is_empty() {
        return Ok("No stories yet: write one in the app's Stories view.".to_owned());
    }
    Ok(list
        .iter()
        .map(|s| {
            let primary = s.draft.primary.map_or("no primary principle", |p| p.name());
            format!(
                "{}  {}  ({primary})",
                &s.updated_at[..10.min(s.updated_at.len())],
                s.draft.title
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

/// `n` with its noun, singular or plural: "1 attempt", "2 attempts".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The problem bank, as JSON or one line per problem with its history.
fn problem_bank(view: &crate::problems::BankView, json: bool) -> AppResult<String> {
    if json {
        return to_json(view);
    }
    let history = |attempts: usize, well: bool, due: Option<NaiveDate>| match (attempts, due) {
        (0, _) => String::new(),
        (n, Some(d)) => format!(
            "  {}, {}, again from {d}",
            plural(n, "attempt", "attempts"),
            if well { "solved well" } else { "not yet well" }
        ),
        (n, None) => format!(
            "  {}, {}",
            plural(n, "attempt", "attempts"),
            if well { "solved well" } else { "not yet well" }
        ),
    };
    let coding = view.coding.iter().map(|r| {
        format!(
            "{:>4}. {} ({:?}, {}){}",
            r.problem.number,
            r.problem.name,
            r.problem.difficulty,
            r.category_labels.join(", "),
            history(r.attempts.len(), r.solved_well, r.due_again)
        )
    });
    let design = view.design.iter().map(|r| {
        format!(
            "design  {} ({:?}){}",
            r.problem.name,
            r.problem.level,
            history(r.attempts.len(), r.solved_well, r.due_again)
        )
    });
    Ok(coding.chain(design).collect::<Vec<_>>().join("\n"))
}

/// The Leadership Principles coverage, as JSON or one line per principle.
fn coverage(c: &crate::stories::coverage::Coverage<String>, json: bool) -> AppResult<String> {
    if json {
        return to_json(c);
    }
    let mut lines = vec![format!(
        "{} stories (aim for {} to {}); each principle wants {} or more.",
        c.bank.stories, c.bank.target_min, c.bank.target_max, c.min_per_principle
    )];
    for row in &c.rows {
        lines.push(format!(
            "{} {:<36} {} ({} as primary){}",
            if row.gap { "!" } else { " " },
            row.principle.name(),
            row.count,
            row.primary_count,
            if row.stressed {
                ", stressed at your level"
            } else {
                ""
            }
        ));
    }
    Ok(lines.join("\n"))
}

fn profile(store: &Store, cmd: ProfileCmd) -> AppResult<String> {
    let today = today();
    let view = match cmd.action {
        Some(ProfileAction::Set(set)) => {
            Some(crate::service::profile::save(store, set.input(), today)?)
        }
        None => crate::service::profile::get(store, today)?,
    };
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

#[derive(Debug, Args)]
pub struct LogCmd {
    #[command(subcommand)]
    action: LogAction,
}

#[derive(Debug, Subcommand)]
enum LogAction {
    /// Log a practice session.
    #[command(subcommand)]
    Add(LogAdd),
}

#[derive(Debug, Args)]
struct Minutes {
    /// Minutes spent, 1-600.
    #[arg(long, allow_negative_numbers = true)]
    minutes: i64,
    /// Local calendar date, YYYY-MM-DD (default today).
    #[arg(long)]
    date: Option<String>,
}

#[derive(Debug, Subcommand)]
enum LogAdd {
    /// A coding problem.
    Coding {
        #[arg(long)]
        name: String,
        /// Interview pattern, e.g. sliding-window (default other).
        #[arg(long, default_value = "other")]
        pattern: String,
        /// easy, medium or hard (default medium).
        #[arg(long, default_value = "medium")]
        difficulty: String,
        /// Solved with the optimal complexity.
        #[arg(long)]
        optimal: bool,
        #[command(flatten)]
        minutes: Minutes,
    },
    /// A system design.
    Design {
        #[arg(long)]
        name: String,
        /// How complete the design was, 0-100 (default 100).
        #[arg(long, default_value_t = 100, allow_negative_numbers = true)]
        completeness: i64,
        /// Trade-offs were discussed explicitly.
        #[arg(long)]
        tradeoffs: bool,
        #[command(flatten)]
        minutes: Minutes,
    },
    /// Leadership Principles study.
    Lp {
        #[command(flatten)]
        minutes: Minutes,
    },
    /// STAR stories practised aloud.
    Star {
        #[command(flatten)]
        minutes: Minutes,
    },
}

/// A number typed on the command line, refused with the field's range when
/// it does not fit.
fn bounded<T: TryFrom<i64>>(value: i64, field: &str, min: i64, max: i64) -> AppResult<T> {
    T::try_from(value)
        .ok()
        .filter(|_| (min..=max).contains(&value))
        .ok_or_else(|| {
            AppError::Invalid(format!(
                "{field} must be between {min} and {max}, not {value}."
            ))
        })
}

fn log_date(date: Option<&str>) -> AppResult<NaiveDate> {
    match date {
        None => Ok(today()),
        Some(text) => text
            .trim()
            .parse()
            .map_err(|_| AppError::Invalid(format!("'{text}' is not a date like 2026-12-31."))),
    }
}

fn log(store: &Store, cmd: LogCmd) -> AppResult<String> {
    use crate::practice::{Activity, Entry};
    let LogAction::Add(add) = cmd.action;
    let max = i64::from(crate::practice::log::MAX_MINUTES);
    let (activity, m) = match add {
        LogAdd::Coding {
            name,
            pattern,
            difficulty,
            optimal,
            minutes,
        } => (
            Activity::Coding {
                name,
                pattern: pattern.parse()?,
                difficulty: difficulty.parse()?,
                minutes: bounded(minutes.minutes, "Minutes", 1, max)?,
                optimal,
            },
            minutes,
        ),
        LogAdd::Design {
            name,
            completeness,
            tradeoffs,
            minutes,
        } => (
            Activity::Design {
                name,
                minutes: bounded(minutes.minutes, "Minutes", 1, max)?,
                completeness_pct: bounded(completeness, "Completeness", 0, 100)?,
                tradeoffs,
            },
            minutes,
        ),
        LogAdd::Lp { minutes } => (
            Activity::LpStudy {
                minutes: bounded(minutes.minutes, "Minutes", 1, max)?,
            },
            minutes,
        ),
        LogAdd::Star { minutes } => (
            Activity::StoryPractice {
                minutes: bounded(minutes.minutes, "Minutes", 1, max)?,
            },
            minutes,
        ),
    };
    let entry = practice::checked(Entry::new(log_date(m.date.as_deref())?, activity))?;
    let record = store::practice::add(store, &entry, None)?;
    crate::service::plan::tick_after_write(store, today());
    to_json(&record)
}

/// The practice statistics, as JSON or a few lines.
fn stats(store: &Store, json: bool) -> AppResult<String> {
    let stats = practice::stats(store, today())?;
    if json {
        return to_json(&stats);
    }
    let mut lines = vec![format!(
        "Readiness {} of 100; streak {}; {} min logged in {}.",
        stats.readiness.total,
        plural(stats.status.streak.days as usize, "day", "days"),
        stats.minutes.total,
        plural(
            stats.counts.values().sum::<u32>() as usize,
            "entry",
            "entries"
        )
    )];
    for item in stats
        .status
        .daily
        .items
        .iter()
        .chain(&stats.status.weekly.items)
    {
        lines.push(format!(
            "{} {}: {} of {} ({}%)",
            item.symbol, item.label, item.status.actual, item.status.target, item.status.pct
        ));
    }
    Ok(lines.join("\n"))
}

fn sync(store: &Store, cmd: SyncCmd, data_dir: &Path) -> AppResult<String> {
    let (status, json) = match cmd {
        SyncCmd::Folder { dir } => (sync::set_folder(store, &dir, data_dir)?, false),
        SyncCmd::Name { name } => {
            sync::set_name(store, &name)?;
            (sync::status(store)?, false)
        }
        SyncCmd::Now { json } => (sync::now(store)?, json),
        SyncCmd::Status { json } => (sync::status(store)?, json),
    };
    if json {
        return to_json(&status);
    }
    let mut out = format!(
        "This machine: {} ({}), {} file(s) written, {} change(s) waiting to go",
        status.local.name, status.local.device, status.local.sent_seq, status.pending
    );
    match &status.local.folder {
        Some(folder) => out.push_str(&format!("\nFolder: {folder}")),
        None => out.push_str("\nSync is off."),
    }
    for d in &status.devices {
        out.push_str(&format!(
            "\n{} ({}): {} applied, {:?}",
            d.name, d.device, d.applied, d.stream
        ));
    }
    for c in &status.conflicts {
        let fields: Vec<&str> = c.fields.iter().map(|f| f.name.as_str()).collect();
        out.push_str(&format!(
            "
Conflict: {} \"{}\" changed here and on {} at once ({} differ); Settings → Sync shows both versions",
            c.what,
            c.title,
            c.other,
            fields.join(", ")
        ));
    }
    Ok(out)
}
