//! The timer thread: owns the one live `Session`, takes commands on a
//! channel and sleeps until the next boundary, in slices of at most a
//! second so that a suspended machine is noticed on waking (the wall clock
//! has jumped past the planned wake-up). Everything it has to say goes to a
//! `Sink` (the Tauri side turns it into a UI event and a notification) and
//! every change of the session is handed to the sink to persist. Time comes
//! from a `Clock`, so tests run it on simulated time without sleeping.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};

use super::clock::Clock;
use super::engine::{EngineError, Pace, RunState, Session, Status, TimerEvent};
use super::templates::{Template, TemplateError};

/// Where the timer's output goes. Called on the timer thread; keep it quick.
pub trait Sink: Send + 'static {
    /// Something to announce, with the status right after it.
    fn emit(&self, event: &TimerEvent, status: &Status);
    /// The session changed; save it so a restart resumes it.
    fn persist(&self, session: &Session);
    /// The finished session was dismissed; forget the saved one.
    fn cleared(&self) {}
}

/// What the UI (through a command) asks the timer to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A round of the template, on the design problem named, if any.
    Start(Template, Option<String>),
    Pause,
    Resume,
    Skip,
    AddMinutes(u32),
    Stop,
    /// Drop a finished session (after it was scored).
    Clear,
    /// Just report the status.
    Status,
    Shutdown,
}

/// Why a command failed; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DriverError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("No round is running.")]
    NoRound,
    #[error("A round is already under way; stop it first.")]
    RoundInProgress,
    #[error("The timer has stopped working; restart Loopready.")]
    Gone,
    #[error("The timer could not start: {0}")]
    Spawn(String),
}

/// The answer to a command: the status afterwards (`None` without a session).
pub type Reply = Result<Option<Status>, DriverError>;

struct Request {
    command: Command,
    reply: Sender<Reply>,
}

/// Tuning of the thread; the defaults are the real app's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DriverConfig {
    /// Longest single wait, so a suspend is noticed soon after waking.
    pub slice: chrono::Duration,
    /// A wake-up later than planned by more than this means the machine slept.
    pub suspend_threshold: chrono::Duration,
    /// Pace of new rounds (see `Pace`).
    pub pace: Pace,
}

impl Default for DriverConfig {
    fn default() -> Self {
        DriverConfig {
            slice: chrono::Duration::seconds(1),
            suspend_threshold: chrono::Duration::seconds(30),
            pace: Pace::REAL,
        }
    }
}

/// The app's grip on the timer thread; commands are answered synchronously.
pub struct TimerHandle {
    tx: Sender<Request>,
    thread: Option<JoinHandle<()>>,
}

impl TimerHandle {
    /// Starts the thread. `restored` is the session saved before the last
    /// exit, if any: it resumes, or is announced as finished while closed.
    pub fn spawn<C: Clock, S: Sink>(
        clock: C,
        sink: S,
        restored: Option<Session>,
        config: DriverConfig,
    ) -> Result<TimerHandle, DriverError> {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("loopready-timer".into())
            .spawn(move || {
                let now = clock.now();
                let core = Core::new(sink, restored, config, now);
                run(clock, rx, core);
            })
            .map_err(|e| DriverError::Spawn(e.to_string()))?;
        Ok(TimerHandle {
            tx,
            thread: Some(thread),
        })
    }

    /// Sends `command` and waits for the thread's answer.
    pub fn send(&self, command: Command) -> Reply {
        let (reply, answer) = mpsc::channel();
        self.tx
            .send(Request { command, reply })
            .map_err(|_| DriverError::Gone)?;
        answer.recv().map_err(|_| DriverError::Gone)?
    }

    /// Stops the thread and waits for it.
    pub fn shutdown(mut self) -> Result<(), DriverError> {
        self.stop_thread()
    }

    fn stop_thread(&mut self) -> Result<(), DriverError> {
        let Some(thread) = self.thread.take() else {
            return Ok(());
        };
        let sent = self.send(Command::Shutdown).map(|_| ());
        thread.join().map_err(|_| DriverError::Gone)?;
        sent
    }
}

impl Drop for TimerHandle {
    fn drop(&mut self) {
        // Nothing to report to at this point; a dead thread is already gone.
        let _ = self.stop_thread();
    }
}

fn run<C: Clock, S: Sink>(clock: C, rx: Receiver<Request>, mut core: Core<S>) {
    let mut last = clock.now();
    loop {
        let expected = core.wake_at(clock.now());
        let received = clock.recv_until(&rx, expected);
        let now = clock.now();
        // Time read earlier than before: the clock was set back.
        if now < last {
            core.clock_set_back(last - now, now);
        }
        last = now;
        if let Some(expected) = expected {
            core.observe(expected, now);
        }
        match received {
            Ok(Request { command, reply }) => {
                let shutdown = command == Command::Shutdown;
                let answer = core.handle(command, now);
                // The caller may have given up waiting; nothing to do then.
                let _ = reply.send(answer);
                if shutdown {
                    return;
                }
            }
            Err(RecvTimeoutError::Timeout) => core.tick(now),
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// The thread's logic without the thread: session, sink and config.
struct Core<S: Sink> {
    session: Option<Session>,
    sink: S,
    config: DriverConfig,
}

impl<S: Sink> Core<S> {
    fn new(sink: S, restored: Option<Session>, config: DriverConfig, now: DateTime<Utc>) -> Self {
        let mut core = Core {
            session: restored,
            sink,
            config,
        };
        if let Some(session) = &mut core.session {
            session.recover(now);
        }
        core.announce(Vec::new(), now, false);
        core
    }

    /// When to wake next: the next boundary, at most a slice away, while a
    /// round runs; never otherwise.
    fn wake_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let session = self.session.as_ref()?;
        let boundary = session.next_boundary(now)?;
        if matches!(session.state, RunState::Running { .. }) {
            Some(boundary.min(now + self.config.slice))
        } else {
            Some(boundary)
        }
    }

    fn clock_set_back(&mut self, by: chrono::Duration, now: DateTime<Utc>) {
        if self.session.as_mut().is_some_and(|s| s.clock_set_back(by)) {
            self.announce(Vec::new(), now, true);
        }
    }

    fn observe(&mut self, expected: DateTime<Utc>, now: DateTime<Utc>) {
        let threshold = self.config.suspend_threshold;
        let Some(session) = &mut self.session else {
            return;
        };
        let events = session.observe_tick(expected, now, threshold);
        if !events.is_empty() {
            self.announce(events, now, true);
        }
    }

    fn tick(&mut self, now: DateTime<Utc>) {
        self.announce(Vec::new(), now, false);
    }

    fn handle(&mut self, command: Command, now: DateTime<Utc>) -> Reply {
        if let Command::Start(template, design) = command {
            if self
                .session
                .as_ref()
                .is_some_and(|s| !s.status(now).finished)
            {
                return Err(DriverError::RoundInProgress);
            }
            let mut session = Session::start(template, now, self.config.pace)?;
            session.design = design;
            self.session = Some(session);
            self.announce(Vec::new(), now, true);
            return Ok(self.status(now));
        }
        let session = match (&command, &mut self.session) {
            (Command::Status | Command::Shutdown, _) => return Ok(self.status(now)),
            (Command::Clear, session) => {
                if session.as_ref().is_some_and(|s| !s.status(now).finished) {
                    return Err(DriverError::RoundInProgress);
                }
                *session = None;
                self.sink.cleared();
                return Ok(None);
            }
            (_, None) => return Err(DriverError::NoRound),
            (_, Some(session)) => session,
        };
        match command {
            Command::Pause => session.pause(now)?,
            Command::Resume => session.resume(now)?,
            Command::Skip => session.skip(now)?,
            Command::AddMinutes(m) => session.add_minutes(m, now)?,
            Command::Stop => session.stop(now)?,
            Command::Start(..) | Command::Clear | Command::Status | Command::Shutdown => {}
        }
        self.announce(Vec::new(), now, true);
        Ok(self.status(now))
    }

    fn status(&self, now: DateTime<Utc>) -> Option<Status> {
        self.session.as_ref().map(|s| s.status(now))
    }

    /// Emits `events` and whatever else is due, then persists if anything
    /// changed (or `changed` says the caller changed the session).
    fn announce(&mut self, mut events: Vec<TimerEvent>, now: DateTime<Utc>, changed: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        events.extend(session.due_events(now));
        if events.is_empty() && !changed {
            return;
        }
        let status = session.status(now);
        for event in &events {
            self.sink.emit(event, &status);
        }
        self.sink.persist(session);
    }
}

#[cfg(test)]
mod tests;
