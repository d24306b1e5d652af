//! Flushing the write-ahead log to the disk just after a commit instead of
//! inside it.
//!
//! With `synchronous=FULL` every commit waits for an fsync of the log, which
//! on an ordinary disk is most of an autosave's time and nearly all of its
//! tail. The window's connection runs with `synchronous=NORMAL` instead:
//! a commit is complete once its frames are written to the log, so a crash
//! or a kill of the app loses nothing (the operating system has the
//! pages). What NORMAL alone gives up is the power cut: commits not yet
//! flushed would be lost, back to the last checkpoint. This thread closes
//! that gap: after any command that changed rows it fsyncs the log at once,
//! a millisecond or so behind the reply rather than before it. Text typed in
//! the editor waits up to a second for its autosave anyway, so the exposure
//! added is a small fraction of what a power cut already costs.

use std::fs::OpenOptions;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::thread;

/// The handle that wakes the flushing thread. The thread ends when this is
/// dropped.
#[derive(Debug)]
pub struct LogSyncer {
    wake: Sender<()>,
    /// How many flushes have completed.
    flushed: Arc<AtomicU64>,
}

impl LogSyncer {
    /// Starts the thread that flushes the log file `wal` (the database's
    /// path with `-wal` appended).
    pub fn spawn(wal: PathBuf) -> io::Result<LogSyncer> {
        let (wake, woken) = channel();
        let flushed = Arc::new(AtomicU64::new(0));
        let count = flushed.clone();
        thread::Builder::new()
            .name("log-sync".into())
            .spawn(move || run(&wal, &woken, &count))?;
        Ok(LogSyncer { wake, flushed })
    }

    /// How many flushes have completed so far.
    pub fn flushed(&self) -> u64 {
        self.flushed.load(Ordering::Acquire)
    }

    /// Asks for a flush of everything committed so far.
    pub fn request(&self) {
        // The thread only ends when this handle is dropped.
        let _ = self.wake.send(());
    }
}

fn run(wal: &Path, woken: &Receiver<()>, flushed: &AtomicU64) {
    while woken.recv().is_ok() {
        // Requests that arrived during the last flush are covered by one more.
        while woken.try_recv().is_ok() {}
        match flush(wal) {
            Ok(()) => {
                flushed.fetch_add(1, Ordering::Release);
            }
            Err(e) => log::warn!("the database log could not be flushed to disk: {e}"),
        }
    }
}

/// fsyncs the log through a handle of our own: the flush covers the file,
/// whichever handle wrote it. No log file means the last connection closed
/// it after checkpointing, which SQLite flushes itself.
pub fn flush(wal: &Path) -> io::Result<()> {
    match OpenOptions::new().write(true).open(wal) {
        Ok(file) => file.sync_data(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}
