//! Writing user-visible files (exports) so that a crash or a full disk never
//! leaves half a file under the chosen name: the bytes go to a hidden
//! temporary file in the same folder, are flushed to disk, and the file is
//! renamed into place (atomic on the same file system).

use std::io::Write;
use std::path::Path;

use crate::error::{AppError, AppResult};

/// Writes `bytes` to `dest` atomically. On any error `dest` is untouched
/// (an older file of that name stays as it was) and the temporary is removed.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> AppResult<()> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = dest
        .file_name()
        .ok_or_else(|| AppError::Invalid(format!("{} is not a file name.", dest.display())))?;
    let tmp = dir.join(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dest)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(AppError::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}; nothing was written", dest.display()),
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.md");
        write_atomic(&dest, b"first").unwrap();
        write_atomic(&dest, b"second").unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("missing-folder").join("out.md");
        let err = write_atomic(&dest, b"x").unwrap_err();
        assert!(matches!(err, AppError::Io(_)), "{err:?}");
        assert!(!dest.exists());
    }
}
