//! The mock-round state machine, pure: every operation takes `now`.
//!
//! A running round is a schedule anchored to wall-clock time: `anchor` is the
//! instant the round would have started had it never been paused, and phase
//! `i` ends at `anchor + sum(phase_ms[..=i])`. Remaining time is always
//! deadline minus now, never a counter, so reloads, restarts and hidden
//! windows cannot make it drift. Pausing stores the elapsed milliseconds;
//! resuming re-anchors at `now - elapsed`. +5 lengthens the current phase's
//! entry in `phase_ms`; a skip cuts it to the time already spent. What has
//! been announced is kept in the session, so `due_events` never repeats
//! itself, even across a restart. All instants are truncated to whole
//! milliseconds, which keeps the arithmetic exact.

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use super::templates::{validate, RoundKind, Template, TemplateError};

/// How long before the end of a round the "5 minutes left" warning comes,
/// in template minutes.
pub const WARNING_MINUTES: i64 = 5;
/// Most minutes one "+N" may add.
pub const MAX_ADD_MINUTES: u32 = 60;

/// Length of one template minute in milliseconds: 60 000 in real use. A
/// shorter pace runs a template faster (end-to-end tests, benchmarks, demos)
/// while every text still speaks in template minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pace(i64);

impl Pace {
    pub const REAL: Pace = Pace(60_000);

    /// A pace of `minute_ms` milliseconds per minute; `None` unless 1 or more.
    pub fn from_minute_ms(minute_ms: i64) -> Option<Pace> {
        (minute_ms >= 1).then_some(Pace(minute_ms))
    }

    pub fn minute_ms(self) -> i64 {
        self.0
    }
}

impl Default for Pace {
    fn default() -> Self {
        Pace::REAL
    }
}

/// Why a round is paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PauseReason {
    User,
    /// The machine slept; the round was paused when sleep began.
    Suspend,
}

/// How a round ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ending {
    /// Time ran out (or the last phase was skipped).
    Completed,
    /// Time ran out while the app was closed.
    CompletedWhileClosed,
    /// The user stopped it early.
    Stopped,
}

impl Ending {
    pub fn completed(self) -> bool {
        !matches!(self, Ending::Stopped)
    }
}

/// Where the round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "state",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum RunState {
    Running {
        /// When the round would have started had it never been paused.
        anchor: DateTime<Utc>,
    },
    Paused {
        elapsed_ms: i64,
        reason: PauseReason,
        since: DateTime<Utc>,
    },
    Finished {
        at: DateTime<Utc>,
        elapsed_ms: i64,
        ending: Ending,
    },
}

/// What has been announced already, so nothing is announced twice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Announced {
    /// Highest phase whose start was announced.
    pub phase: Option<usize>,
    /// End offset (ms) of the last round warned about; a round lengthened
    /// by +5 ends later and is warned about again.
    pub warned_end_ms: Option<i64>,
    pub finished: bool,
}

/// A mock round in progress or just finished; the store persists it as is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// A copy of the template as it was at start; later edits do not touch it.
    pub template: Template,
    pub started_at: DateTime<Utc>,
    #[serde(default)]
    pub pace: Pace,
    /// Scheduled length of each phase in ms: its minutes, plus minutes
    /// added, cut short by a skip.
    pub phase_ms: Vec<i64>,
    /// Minutes added with +5 over the whole round.
    pub extra_minutes: u32,
    pub state: RunState,
    pub announced: Announced,
    /// The bank's design problem the round is on, when a link named one:
    /// its focus sets the scoring weights, so it is kept with the round
    /// (a restart between the round and its scoring keeps it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design: Option<String>,
}

/// Share of its planned time a round must run to count as a mock interview
/// (the weekly minimum, readiness, the checkpoints). A shorter round keeps
/// its scores but is partial, unless the candidate says it was a full round.
pub const FULL_ROUND_SHARE: f64 = 0.8;

/// Whether a round that ran `elapsed_ms` of a planned `planned_ms` is a full round.
pub fn is_full_round(elapsed_ms: i64, planned_ms: i64) -> bool {
    planned_ms > 0 && elapsed_ms as f64 >= FULL_ROUND_SHARE * planned_ms as f64
}

/// An operation that does not apply in the round's current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("The round is not running.")]
    NotRunning,
    #[error("The round is not paused.")]
    NotPaused,
    #[error("The round is already over.")]
    Finished,
    #[error("Add between 1 and {MAX_ADD_MINUTES} minutes (got {0}).")]
    MinutesOutOfRange(u32),
}

/// Everything the timer view shows, computed for one instant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub template_name: String,
    pub kind: RoundKind,
    pub state: RunState,
    pub phase_index: usize,
    pub phase_count: usize,
    pub phase_name: String,
    /// The loop round the phase belongs to; `None` for breaks and single rounds.
    pub round: Option<String>,
    pub phase_remaining_ms: i64,
    /// Left in the current round: the whole template for a single round,
    /// the current round (or break) in a loop.
    pub round_remaining_ms: i64,
    /// Left in the whole template.
    pub total_remaining_ms: i64,
    pub elapsed_ms: i64,
    pub total_ms: i64,
    /// Share of the template done, 0 to 1.
    pub progress: f64,
    pub next_phase: Option<String>,
    /// While running: when the phase and the round end, for repainting.
    pub phase_ends_at: Option<DateTime<Utc>>,
    pub round_ends_at: Option<DateTime<Utc>>,
    pub finished: bool,
}

/// Something to tell the user, with its notification text ready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimerEvent {
    pub kind: EventKind,
    pub title: String,
    pub body: String,
    /// The scheduled instant of what is announced (for measuring lateness).
    pub due_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum EventKind {
    PhaseStarted {
        index: usize,
        name: String,
        minutes: u32,
        round: Option<String>,
    },
    FiveMinutesLeft {
        round: Option<String>,
    },
    Finished {
        ending: Ending,
    },
    /// The machine slept; the round was paused at `slept_at`.
    Slept {
        slept_at: DateTime<Utc>,
        woke_at: DateTime<Utc>,
    },
}

/// Time spent in one phase beside its budget, for the scoring form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhaseTime {
    pub name: String,
    pub round: Option<String>,
    pub budget_ms: i64,
    pub actual_ms: i64,
}

impl PhaseTime {
    /// Positive when the phase overran its budget, negative when cut short.
    pub fn overrun_ms(&self) -> i64 {
        self.actual_ms - self.budget_ms
    }
}

/// A run of consecutive phases sharing a round label: one round of a loop,
/// a break, or the whole of a single-round template.
#[derive(Debug, Clone, Copy)]
struct Segment {
    first: usize,
    /// One past the last phase.
    end: usize,
    /// Breaks get no "5 minutes left".
    warns: bool,
}

fn ms(now: DateTime<Utc>) -> DateTime<Utc> {
    now.trunc_subsecs(3)
}

fn millis(ms: i64) -> chrono::Duration {
    chrono::Duration::milliseconds(ms)
}

/// "4:05", "1:02:03": a remaining time as a person reads it.
pub fn clock_text(ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

impl Session {
    /// Starts `template` at `now`; refuses a template that fails validation.
    pub fn start(
        template: Template,
        now: DateTime<Utc>,
        pace: Pace,
    ) -> Result<Session, TemplateError> {
        let template = validate(template)?;
        let now = ms(now);
        let phase_ms = template
            .phases
            .iter()
            .map(|p| i64::from(p.minutes) * pace.minute_ms())
            .collect();
        Ok(Session {
            template,
            started_at: now,
            pace,
            phase_ms,
            extra_minutes: 0,
            state: RunState::Running { anchor: now },
            announced: Announced::default(),
            design: None,
        })
    }

    pub fn total_ms(&self) -> i64 {
        self.phase_ms.iter().sum()
    }

    /// The round's length as its template planned it, at its pace: before
    /// any skip or added minutes.
    pub fn planned_ms(&self) -> i64 {
        self.template
            .phases
            .iter()
            .map(|p| i64::from(p.minutes) * self.pace.minute_ms())
            .sum()
    }

    fn phase_start_ms(&self, i: usize) -> i64 {
        self.phase_ms[..i].iter().sum()
    }

    fn phase_end_ms(&self, i: usize) -> i64 {
        self.phase_ms[..=i].iter().sum()
    }

    /// Round time elapsed at `now`, not clamped.
    fn offset_ms(&self, now: DateTime<Utc>) -> i64 {
        match self.state {
            RunState::Running { anchor } => (now - anchor).num_milliseconds(),
            RunState::Paused { elapsed_ms, .. } | RunState::Finished { elapsed_ms, .. } => {
                elapsed_ms
            }
        }
    }

    /// The phase under way at offset `o` (the last one at or past the end).
    fn phase_at(&self, o: i64) -> usize {
        let mut end = 0;
        for (i, d) in self.phase_ms.iter().enumerate() {
            end += d;
            if o < end {
                return i;
            }
        }
        self.phase_ms.len().saturating_sub(1)
    }

    fn segments(&self) -> Vec<Segment> {
        let phases = &self.template.phases;
        let single = phases.iter().all(|p| p.round.is_none());
        let mut out: Vec<Segment> = Vec::new();
        for (i, p) in phases.iter().enumerate() {
            match out.last_mut() {
                Some(seg) if phases[seg.first].round == p.round => seg.end = i + 1,
                _ => out.push(Segment {
                    first: i,
                    end: i + 1,
                    warns: single || p.round.is_some(),
                }),
            }
        }
        out
    }

    fn segment_of(&self, phase: usize) -> Segment {
        self.segments()
            .into_iter()
            .find(|s| (s.first..s.end).contains(&phase))
            .unwrap_or(Segment {
                first: 0,
                end: self.phase_ms.len(),
                warns: true,
            })
    }

    /// Offset at which the warning for `seg` is due, if it gets one and has
    /// not had it for its current end.
    fn pending_warning_ms(&self, seg: Segment) -> Option<(i64, i64)> {
        let warn_ms = WARNING_MINUTES * self.pace.minute_ms();
        let start = self.phase_start_ms(seg.first);
        let end = self.phase_end_ms(seg.end - 1);
        let fresh = self.announced.warned_end_ms.is_none_or(|w| end > w);
        (seg.warns && fresh && end - start > warn_ms).then_some((end - warn_ms, end))
    }

    /// The state at `now`: a running round whose time is up counts as
    /// finished at its deadline.
    fn state_at(&self, now: DateTime<Utc>) -> RunState {
        match self.state {
            RunState::Running { anchor } if self.offset_ms(now) >= self.total_ms() => {
                RunState::Finished {
                    at: anchor + millis(self.total_ms()),
                    elapsed_ms: self.total_ms(),
                    ending: Ending::Completed,
                }
            }
            state => state,
        }
    }

    /// Moves a running round whose time is up to `Finished`.
    fn settle(&mut self, now: DateTime<Utc>) {
        self.state = self.state_at(now);
    }

    /// Call once after loading a persisted session (app start): a round
    /// whose end passed while the app was closed becomes finished, and only
    /// that is announced, not every phase it missed.
    pub fn recover(&mut self, now: DateTime<Utc>) {
        let now = ms(now);
        self.settle(now);
        if let RunState::Finished { ending, .. } = &mut self.state {
            if !self.announced.finished && *ending == Ending::Completed {
                *ending = Ending::CompletedWhileClosed;
            }
        }
    }

    pub fn pause(&mut self, now: DateTime<Utc>) -> Result<(), EngineError> {
        let now = ms(now);
        self.settle(now);
        match self.state {
            RunState::Running { anchor } => {
                self.state = RunState::Paused {
                    elapsed_ms: (now - anchor).num_milliseconds().max(0),
                    reason: PauseReason::User,
                    since: now,
                };
                Ok(())
            }
            RunState::Paused { .. } => Err(EngineError::NotRunning),
            RunState::Finished { .. } => Err(EngineError::Finished),
        }
    }

    pub fn resume(&mut self, now: DateTime<Utc>) -> Result<(), EngineError> {
        let now = ms(now);
        match self.state {
            RunState::Paused { elapsed_ms, .. } => {
                self.state = RunState::Running {
                    anchor: now - millis(elapsed_ms),
                };
                Ok(())
            }
            RunState::Running { .. } => {
                self.settle(now);
                match self.state {
                    RunState::Finished { .. } => Err(EngineError::Finished),
                    _ => Err(EngineError::NotPaused),
                }
            }
            RunState::Finished { .. } => Err(EngineError::Finished),
        }
    }

    /// Ends the current phase now; the rest of the schedule keeps its
    /// lengths. Skipping the last phase completes the round.
    pub fn skip(&mut self, now: DateTime<Utc>) -> Result<(), EngineError> {
        let now = ms(now);
        self.settle(now);
        if matches!(self.state, RunState::Finished { .. }) {
            return Err(EngineError::Finished);
        }
        let o = self.offset_ms(now).max(0);
        let i = self.phase_at(o);
        self.phase_ms[i] = o - self.phase_start_ms(i);
        if o >= self.total_ms() {
            self.state = RunState::Finished {
                at: now,
                elapsed_ms: o,
                ending: Ending::Completed,
            };
        }
        Ok(())
    }

    /// Lengthens the current phase (and so the round) by `minutes`.
    pub fn add_minutes(&mut self, minutes: u32, now: DateTime<Utc>) -> Result<(), EngineError> {
        let now = ms(now);
        self.settle(now);
        if matches!(self.state, RunState::Finished { .. }) {
            return Err(EngineError::Finished);
        }
        if minutes == 0 || minutes > MAX_ADD_MINUTES {
            return Err(EngineError::MinutesOutOfRange(minutes));
        }
        let i = self.phase_at(self.offset_ms(now).max(0));
        self.phase_ms[i] += i64::from(minutes) * self.pace.minute_ms();
        self.extra_minutes += minutes;
        Ok(())
    }

    /// Ends the round early.
    pub fn stop(&mut self, now: DateTime<Utc>) -> Result<(), EngineError> {
        let now = ms(now);
        self.settle(now);
        if matches!(self.state, RunState::Finished { .. }) {
            return Err(EngineError::Finished);
        }
        self.state = RunState::Finished {
            at: now,
            elapsed_ms: self.offset_ms(now).max(0),
            ending: Ending::Stopped,
        };
        Ok(())
    }

    /// Suspend detection. The driver planned to wake at `expected` and woke
    /// at `now`; if `now` is more than `threshold` later, the machine slept.
    /// A running round is then paused as of `expected` (what fell due before
    /// that is announced first) and a `Slept` event tells the user.
    pub fn observe_tick(
        &mut self,
        expected: DateTime<Utc>,
        now: DateTime<Utc>,
        threshold: chrono::Duration,
    ) -> Vec<TimerEvent> {
        let (expected, now) = (ms(expected), ms(now));
        if !matches!(self.state, RunState::Running { .. }) || now - expected <= threshold {
            return Vec::new();
        }
        let mut events = self.due_events(expected);
        if let RunState::Running { anchor } = self.state {
            self.state = RunState::Paused {
                elapsed_ms: (expected - anchor).num_milliseconds().max(0),
                reason: PauseReason::Suspend,
                since: expected,
            };
            let st = self.status(now);
            events.push(TimerEvent {
                kind: EventKind::Slept {
                    slept_at: expected,
                    woke_at: now,
                },
                title: "Paused while your computer slept".to_owned(),
                body: format!(
                    "{}: paused in {} with {} left in the phase. Resume when you are ready.",
                    self.template.name,
                    st.phase_name,
                    clock_text(st.phase_remaining_ms)
                ),
                due_at: now,
            });
        }
        events
    }

    /// The wall clock was set back by `by` while the round ran (the driver
    /// read an earlier time than it had before): the anchor moves back with
    /// it, so the time already run and the time left stay as they were.
    /// Whether there was a running round to move.
    pub fn clock_set_back(&mut self, by: chrono::Duration) -> bool {
        let RunState::Running { anchor } = &mut self.state else {
            return false;
        };
        *anchor -= millis(by.num_milliseconds());
        true
    }

    /// The announcements that fell due up to `now` and were not made yet,
    /// marked as made. When several phases started since the last call, only
    /// the current one is announced.
    pub fn due_events(&mut self, now: DateTime<Utc>) -> Vec<TimerEvent> {
        let now = ms(now);
        self.settle(now);
        let mut out = Vec::new();
        let at_offset = |s: &Session, o: i64| match s.state {
            RunState::Running { anchor } => anchor + millis(o),
            _ => now,
        };
        match self.state {
            RunState::Finished {
                at,
                ending,
                elapsed_ms,
            } => {
                if !self.announced.finished {
                    self.announced.finished = true;
                    self.announced.phase = Some(self.phase_ms.len().saturating_sub(1));
                    out.push(self.finished_event(at, ending, elapsed_ms));
                }
            }
            RunState::Running { .. } | RunState::Paused { .. } => {
                let o = self.offset_ms(now).max(0);
                let i = self.phase_at(o);
                if self.announced.phase.is_none_or(|p| i > p) {
                    self.announced.phase = Some(i);
                    let due = at_offset(self, self.phase_start_ms(i));
                    out.push(self.phase_event(i, due));
                }
                if let Some((warn_at, end)) = self.pending_warning_ms(self.segment_of(i)) {
                    if o >= warn_at && o < end {
                        self.announced.warned_end_ms = Some(end);
                        let due = at_offset(self, warn_at);
                        out.push(self.warning_event(i, due));
                    }
                }
            }
        }
        out
    }

    /// The next instant at which `due_events` will have something to say,
    /// while running; `None` while paused or once finished and announced.
    pub fn next_boundary(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let now = ms(now);
        match self.state {
            RunState::Running { anchor } => {
                let o = self.offset_ms(now).max(0);
                let total = self.total_ms();
                if o >= total {
                    return Some(anchor + millis(total));
                }
                let i = self.phase_at(o);
                if self.announced.phase.is_none_or(|p| i > p) {
                    return Some(now);
                }
                let mut next = self.phase_end_ms(i);
                if let Some((warn_at, _)) = self.pending_warning_ms(self.segment_of(i)) {
                    if warn_at <= o {
                        return Some(now);
                    }
                    next = next.min(warn_at);
                }
                Some(anchor + millis(next))
            }
            RunState::Paused { .. } => None,
            RunState::Finished { at, .. } => (!self.announced.finished).then_some(at),
        }
    }

    /// Everything the timer view shows at `now`.
    pub fn status(&self, now: DateTime<Utc>) -> Status {
        let now = ms(now);
        let total = self.total_ms();
        let state = self.state_at(now);
        let o = match state {
            RunState::Running { anchor } => (now - anchor).num_milliseconds().clamp(0, total),
            RunState::Paused { elapsed_ms, .. } | RunState::Finished { elapsed_ms, .. } => {
                elapsed_ms
            }
        };
        let finished = matches!(state, RunState::Finished { .. });
        let i = self.phase_at(o);
        let seg = self.segment_of(i);
        let phase_end = self.phase_end_ms(i);
        let round_end = self.phase_end_ms(seg.end - 1);
        let left = |end: i64| if finished { 0 } else { (end - o).max(0) };
        let ends_at = |end: i64| match state {
            RunState::Running { anchor } => Some(anchor + millis(end)),
            _ => None,
        };
        let phase = &self.template.phases[i];
        Status {
            template_name: self.template.name.clone(),
            kind: self.template.kind,
            state,
            phase_index: i,
            phase_count: self.phase_ms.len(),
            phase_name: phase.name.clone(),
            round: phase.round.clone(),
            phase_remaining_ms: left(phase_end),
            round_remaining_ms: left(round_end),
            total_remaining_ms: left(total),
            elapsed_ms: o,
            total_ms: total,
            progress: if total > 0 {
                o as f64 / total as f64
            } else {
                1.0
            },
            next_phase: if finished {
                None
            } else {
                self.template.phases.get(i + 1).map(|p| p.name.clone())
            },
            phase_ends_at: ends_at(phase_end),
            round_ends_at: ends_at(round_end),
            finished,
        }
    }

    /// Time actually spent in each phase beside its budget: a +5 shows as an
    /// overrun, a skip as time saved, phases never reached as zero.
    pub fn phase_times(&self, now: DateTime<Utc>) -> Vec<PhaseTime> {
        let o = self.status(now).elapsed_ms;
        let mut start = 0;
        self.template
            .phases
            .iter()
            .zip(&self.phase_ms)
            .map(|(p, &d)| {
                let actual = (o - start).clamp(0, d);
                start += d;
                PhaseTime {
                    name: p.name.clone(),
                    round: p.round.clone(),
                    budget_ms: i64::from(p.minutes) * self.pace.minute_ms(),
                    actual_ms: actual,
                }
            })
            .collect()
    }

    fn phase_event(&self, i: usize, due_at: DateTime<Utc>) -> TimerEvent {
        let phase = &self.template.phases[i];
        let context = phase.round.as_deref().unwrap_or(&self.template.name);
        let body = match self.template.phases.get(i + 1) {
            Some(next) => format!("{context} · next: {}", next.name),
            None => format!("{context} · last phase"),
        };
        TimerEvent {
            kind: EventKind::PhaseStarted {
                index: i,
                name: phase.name.clone(),
                minutes: phase.minutes,
                round: phase.round.clone(),
            },
            title: format!("{} — {} min", phase.name, phase.minutes),
            body,
            due_at,
        }
    }

    fn warning_event(&self, i: usize, due_at: DateTime<Utc>) -> TimerEvent {
        let phase = &self.template.phases[i];
        let what = phase.round.as_deref().unwrap_or(&self.template.name);
        TimerEvent {
            kind: EventKind::FiveMinutesLeft {
                round: phase.round.clone(),
            },
            title: format!("{WARNING_MINUTES} minutes left"),
            body: format!(
                "{what} ends in {WARNING_MINUTES} minutes. Now: {}.",
                phase.name
            ),
            due_at,
        }
    }

    fn finished_event(&self, at: DateTime<Utc>, ending: Ending, elapsed_ms: i64) -> TimerEvent {
        let name = &self.template.name;
        let (title, body) = match ending {
            Ending::Completed => (
                "Round over".to_owned(),
                format!("{name} is over. Time to score it."),
            ),
            Ending::CompletedWhileClosed => (
                "Round finished while Loopready was closed".to_owned(),
                format!("{name} ran out of time while the app was closed. Score it when you can."),
            ),
            Ending::Stopped => (
                "Round stopped".to_owned(),
                format!(
                    "{name} stopped after {}. Score what you covered.",
                    clock_text(elapsed_ms)
                ),
            ),
        };
        TimerEvent {
            kind: EventKind::Finished { ending },
            title,
            body,
            due_at: at,
        }
    }
}

#[cfg(test)]
mod tests;
