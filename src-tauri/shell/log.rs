//! The log file: warnings and errors that have no window to show them in (a
//! backup that failed in the background, a round that could not be saved)
//! go to `logs/loopready.log` in the data folder, and to standard error for
//! a launch from a terminal. The file is capped and rotated, so it never
//! grows without bound; Settings shows where it is and its latest problems.

use std::path::{Path, PathBuf};

use log::LevelFilter;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind, TimezoneStrategy};

/// The log folder inside the data folder, and the file's name in it.
const FOLDER: &str = "logs";
const NAME: &str = "loopready";
/// Each file is rotated at this size; the newest few are kept.
const MAX_BYTES: u128 = 512 * 1024;
const KEEP_FILES: usize = 3;

/// The current log file of the data folder `data_dir`.
pub fn file(data_dir: &Path) -> PathBuf {
    data_dir.join(FOLDER).join(format!("{NAME}.log"))
}

/// The plugin that owns the process's logger. Loopready's own records are
/// kept from `info` up; the libraries underneath only for warnings and errors.
/// In a folder that cannot be written (`to_file` false) only standard error
/// is kept.
pub fn plugin<R: tauri::Runtime>(data_dir: &Path, to_file: bool) -> tauri::plugin::TauriPlugin<R> {
    let mut builder = tauri_plugin_log::Builder::new().clear_targets();
    if to_file {
        builder = builder.target(Target::new(TargetKind::Folder {
            path: data_dir.join(FOLDER),
            file_name: Some(NAME.into()),
        }));
    }
    builder
        .target(Target::new(TargetKind::Stderr))
        .max_file_size(MAX_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(KEEP_FILES))
        .timezone_strategy(TimezoneStrategy::UseLocal)
        .level(LevelFilter::Info)
        .filter(|meta| meta.target().starts_with("loopready") || meta.level() <= log::Level::Warn)
        .build()
}

/// The last `limit` warnings and errors of the current log file, oldest
/// first; none when there is no file yet.
pub fn recent_problems(data_dir: &Path, limit: usize) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(file(data_dir)) else {
        return Vec::new();
    };
    problems_in(&text, limit)
}

fn problems_in(text: &str, limit: usize) -> Vec<String> {
    let mut found: Vec<String> = text
        .lines()
        .filter(|line| line.contains("[WARN]") || line.contains("[ERROR]"))
        .map(str::to_owned)
        .collect();
    let skip = found.len().saturating_sub(limit);
    found.drain(..skip);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_warnings_and_errors_are_kept() {
        let text = "[2026-12-04][10:00:00][loopready][INFO] started\n\
                    [2026-12-04][10:01:00][loopready][WARN] first\n\
                    [2026-12-04][10:02:00][loopready][ERROR] second\n\
                    [2026-12-04][10:03:00][loopready][WARN] third\n";
        let got = problems_in(text, 2);
        assert_eq!(got.len(), 2);
        assert!(
            got[0].ends_with("second") && got[1].ends_with("third"),
            "{got:?}"
        );
    }

    #[test]
    fn the_file_is_in_the_data_folder() {
        let dir = Path::new("/data");
        assert_eq!(file(dir), Path::new("/data/logs/loopready.log"));
    }
}
