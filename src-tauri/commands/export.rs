//! Exports and imports. The window chooses files in the native dialogs
//! (tauri-plugin-dialog); the command line names them. Exports are written
//! atomically (`files`); imports are checked completely before anything is
//! written (`store::transfer`), after a backup of the current data.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{today, AppState};
use crate::cli::ExportFormat;
use crate::error::{AppError, AppResult};
use crate::shell::files::write_atomic;
use crate::shell::paths::{EXPORT_DIR_ENV, IMPORT_FILE_ENV};
use crate::store::transfer::{self, Mode};
use crate::store::{self, Store};
use crate::stories::markdown::markdown;

/// Asks where to save `name` (or, under the test seam, picks the export
/// folder). `None` when the person cancelled the dialog.
fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    filter: (&str, &[&str]),
) -> AppResult<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV) {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let Some(chosen) = app
        .dialog()
        .file()
        .set_title("Export")
        .set_file_name(name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
    else {
        return Ok(None);
    };
    chosen
        .into_path()
        .map(Some)
        .map_err(|e| AppError::Invalid(format!("That location cannot be written to: {e}.")))
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

fn suggested(format: ExportFormat) -> (String, (&'static str, &'static [&'static str])) {
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

/// Exports in `format` (json, markdown, csv or ics) to a file chosen in the
/// save dialog; returns where it went, or `None` when cancelled.
#[tauri::command]
pub async fn export_data<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
) -> AppResult<Option<String>> {
    let format = match format.as_str() {
        "json" => ExportFormat::Json,
        "markdown" => ExportFormat::Markdown,
        "csv" => ExportFormat::Csv,
        "ics" => ExportFormat::Ics,
        other => {
            return Err(AppError::Invalid(format!(
                "Unknown export format \"{other}\"."
            )))
        }
    };
    let text = render(&*state.store()?, format)?;
    let (name, filter) = suggested(format);
    let Some(dest) = save_path(&app, &name, filter)? else {
        return Ok(None);
    };
    write_atomic(&dest, text.as_bytes())?;
    Ok(Some(dest.display().to_string()))
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

/// Imports a file chosen in the open dialog; `mode` is "merge" or
/// "replace". Returns a sentence for the banner, or `None` when cancelled.
#[tauri::command]
pub async fn import_data<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    mode: String,
) -> AppResult<Option<String>> {
    let mode = match mode.as_str() {
        "merge" => Mode::Merge,
        "replace" => Mode::Replace,
        other => {
            return Err(AppError::Invalid(format!(
                "Unknown import mode \"{other}\"."
            )))
        }
    };
    let file = match std::env::var_os(IMPORT_FILE_ENV) {
        Some(f) => PathBuf::from(f),
        None => {
            let Some(chosen) = app
                .dialog()
                .file()
                .set_title("Import a Loopready export")
                .add_filter("Loopready export", &["json"])
                .blocking_pick_file()
            else {
                return Ok(None);
            };
            chosen
                .into_path()
                .map_err(|e| AppError::Invalid(format!("That file cannot be read: {e}.")))?
        }
    };
    let mut store = state.store()?;
    import_file(&mut store, &state.data_dir, &file, Some(mode)).map(Some)
}
