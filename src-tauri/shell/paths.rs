//! Where Loopready keeps its data: the OS app-data folder, unless
//! `--data-dir DIR` or `LOOPREADY_DATA_DIR` says otherwise (tests and
//! separate profiles use that so they never touch the real file).

use std::path::PathBuf;

use crate::store::DB_FILE;

/// The bundle identifier; also the name of the folder under the OS data dir,
/// matching what Tauri's `app_data_dir()` resolves to.
pub const IDENTIFIER: &str = "app.loopready.desktop";
pub const DATA_DIR_ENV: &str = "LOOPREADY_DATA_DIR";
/// Test seam: when set, exports skip the save dialog and are written into
/// this folder under their suggested name (the end-to-end tests cannot
/// drive a native GTK dialog through WebDriver).
pub const EXPORT_DIR_ENV: &str = "LOOPREADY_EXPORT_DIR";
/// Test seam: when set, imports skip the open dialog and read this file.
pub const IMPORT_FILE_ENV: &str = "LOOPREADY_IMPORT_FILE";
/// Makes "Choose a sync folder" take this folder without the dialog (the
/// end-to-end tests cannot drive a native dialog).
pub const SYNC_FOLDER_ENV: &str = "LOOPREADY_SYNC_FOLDER";

/// The data folder and whether it is the default one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    pub path: PathBuf,
    pub is_default: bool,
}

impl DataDir {
    /// Resolves the folder: the flag wins over the environment, which wins
    /// over the OS default.
    pub fn resolve(flag: Option<PathBuf>, env: Option<PathBuf>) -> Option<DataDir> {
        if let Some(path) = flag.or(env).filter(|p| !p.as_os_str().is_empty()) {
            return Some(DataDir {
                path,
                is_default: false,
            });
        }
        dirs::data_dir().map(|d| DataDir {
            path: d.join(IDENTIFIER),
            is_default: true,
        })
    }

    pub fn db_path(&self) -> PathBuf {
        self.path.join(DB_FILE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins_over_environment() {
        let d = DataDir::resolve(Some("/a".into()), Some("/b".into())).unwrap();
        assert_eq!(
            d,
            DataDir {
                path: "/a".into(),
                is_default: false
            }
        );
    }

    #[test]
    fn environment_is_used_without_flag() {
        let d = DataDir::resolve(None, Some("/b".into())).unwrap();
        assert_eq!(d.path, PathBuf::from("/b"));
        assert!(!d.is_default);
    }
}
