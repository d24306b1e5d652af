//! Exports and imports, whichever front end asks: the JSON export of
//! everything, the story bank as Markdown, the log as CSV and the schedule
//! as iCalendar; an import is checked completely before anything is written
//! (`store::transfer`), after a backup of the current data.

use std::path::Path;

use super::today;
use crate::error::{AppError, AppResult};
use crate::store::transfer::{self, Mode};
use crate::store::{self, Store};
use crate::stories::markdown::markdown;

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Markdown,
    Csv,
    Ics,
}

impl ExportFormat {
    /// The names the window and `loopready export --format` use.
    pub const NAMES: [&'static str; 4] = ["json", "markdown", "csv", "ics"];

    /// The format called `name`.
    pub fn from_name(name: &str) -> AppResult<ExportFormat> {
        match name {
            "json" => Ok(ExportFormat::Json),
            "markdown" => Ok(ExportFormat::Markdown),
            "csv" => Ok(ExportFormat::Csv),
            "ics" => Ok(ExportFormat::Ics),
            other => Err(AppError::Invalid(format!(
                "Unknown export format \"{other}\"."
            ))),
        }
    }
}

/// The import mode called `name`: "merge" or "replace".
pub fn mode_from_name(name: &str) -> AppResult<Mode> {
    match name {
        "merge" => Ok(Mode::Merge),
        "replace" => Ok(Mode::Replace),
        other => Err(AppError::Invalid(format!(
            "Unknown import mode \"{other}\"."
        ))),
    }
}

/// The live story bank as Markdown, grouped by principle.
pub fn stories_markdown(store: &Store) -> AppResult<String> {
    let drafts: Vec<_> = store::stories::list(store)?
        .into_iter()
        .map(|s| s.draft)
        .collect();
    Ok(markdown(&drafts, &today().to_string()))
}

/// The practice log as CSV (RFC 4180: comma separated, CRLF, quoted when
/// needed), newest first, typed-in and derived lines.
pub fn practice_csv(store: &Store) -> AppResult<String> {
    fn field(text: &str) -> String {
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_string()
        }
    }
    let mut out = String::from("date,kind,minutes,summary,source\r\n");
    for row in super::practice::log_rows(store, -1, &store::practice::EntryFilter::default())? {
        out.push_str(&format!(
            "{},{},{},{},{}\r\n",
            row.entry.date,
            field(row.kind_label),
            row.entry.activity.minutes(),
            field(&row.summary),
            if row.derived { "derived" } else { "logged" }
        ));
    }
    Ok(out)
}

/// Text escaped for an iCalendar TEXT value (RFC 5545 3.3.11).
fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets (RFC 5545 3.1), never inside a
/// UTF-8 character.
fn ics_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The dated schedule as an iCalendar file: one all-day event per
/// preparation day (its items and minutes), one per checkpoint and one for
/// the interview itself.
pub fn schedule_ics(store: &Store) -> AppResult<String> {
    let (profile, plan) = super::plan::current(store, today())?
        .ok_or_else(|| AppError::NotFound("Your profile (needed for a schedule)".into()))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let day = |d: chrono::NaiveDate| d.format("%Y%m%d").to_string();
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Loopready//Study plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Loopready study plan",
    ] {
        ics_line(&mut out, l);
    }
    let mut event = |uid: String, date: chrono::NaiveDate, summary: String, description: String| {
        ics_line(&mut out, "BEGIN:VEVENT");
        ics_line(&mut out, &format!("UID:{uid}@loopready.app"));
        ics_line(&mut out, &format!("DTSTAMP:{stamp}"));
        ics_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(date)));
        let next = date.succ_opt().unwrap_or(date);
        ics_line(&mut out, &format!("DTEND;VALUE=DATE:{}", day(next)));
        ics_line(&mut out, &format!("SUMMARY:{}", ics_text(&summary)));
        ics_line(&mut out, &format!("DESCRIPTION:{}", ics_text(&description)));
        ics_line(&mut out, "TRANSP:TRANSPARENT");
        ics_line(&mut out, "END:VEVENT");
    };
    for d in plan.schedule.days.iter().filter(|d| !d.items.is_empty()) {
        let minutes: u32 = d.items.iter().map(|i| i.minutes).sum();
        let lines: Vec<String> = d
            .items
            .iter()
            .map(|i| format!("- {} ({} min)", i.title, i.minutes))
            .collect();
        event(
            format!("day-{}", d.date),
            d.date,
            format!("Interview prep: {} items, {} min", d.items.len(), minutes),
            lines.join("\n"),
        );
    }
    for c in &plan.schedule.checkpoints {
        event(
            format!("checkpoint-{}", c.date),
            c.date,
            format!("Checkpoint: {}", c.label),
            "A Loopready checkpoint: see the Plan view for what it measures.".into(),
        );
    }
    event(
        format!("interview-{}", profile.interview_date),
        profile.interview_date,
        format!("Amazon {:?} interview", profile.target_level),
        "Interview day: open Loopready's interview-day sheet in the morning.".into(),
    );
    ics_line(&mut out, "END:VCALENDAR");
    Ok(out)
}

/// An export in `format`, as text.
pub fn render(store: &Store, format: ExportFormat) -> AppResult<String> {
    match format {
        ExportFormat::Json => serde_json::to_string_pretty(&transfer::export(store)?)
            .map_err(|e| AppError::Internal(e.to_string())),
        ExportFormat::Markdown => stories_markdown(store),
        ExportFormat::Csv => practice_csv(store),
        ExportFormat::Ics => schedule_ics(store),
    }
}

/// The file name an export of `format` is offered under, and the dialog's
/// filter for it.
pub fn suggested(format: ExportFormat) -> (String, (&'static str, &'static [&'static str])) {
    let day = today();
    match format {
        ExportFormat::Json => (
            format!("loopready-{day}.json"),
            ("Loopready export", &["json"]),
        ),
        ExportFormat::Markdown => (format!("loopready-stories-{day}.md"), ("Markdown", &["md"])),
        ExportFormat::Csv => (format!("loopready-practice-{day}.csv"), ("CSV", &["csv"])),
        ExportFormat::Ics => (
            format!("loopready-schedule-{day}.ics"),
            ("iCalendar", &["ics"]),
        ),
    }
}

/// Reads, checks and imports an export file; backs the current data up
/// first. `mode` is required when the database already holds data.
pub fn import_file(
    store: &mut Store,
    data_dir: &Path,
    file: &Path,
    mode: Option<Mode>,
) -> AppResult<String> {
    let bytes = std::fs::read(file)?;
    let doc: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| AppError::Invalid(format!("{} is not valid JSON: {e}.", file.display())))?;
    let mode = match mode {
        Some(m) => m,
        None if transfer::is_empty(store)? => Mode::Replace,
        None => {
            return Err(AppError::Invalid(
                "This data folder already holds data: choose to merge the file into it or to replace it.".into(),
            ))
        }
    };
    transfer::check(&doc)?;
    let dir = store::backup::backup_dir(data_dir);
    store::backup::create(store, &dir, chrono::Utc::now(), "before-import")?;
    let counts = transfer::import(store, &doc, mode)?;
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    Ok(format!(
        "Imported {total} records from {} ({}).",
        file.display(),
        if mode == Mode::Merge {
            "merged"
        } else {
            "replaced"
        }
    ))
}
