//! The mock-round timer. `templates` holds the rounds as data, `engine` is
//! the pure state machine (deadlines anchored to the wall clock, time passed
//! in), `driver` is the thread that sleeps until the next boundary and hands
//! announcements to a `Sink`, `clock` supplies real or simulated time, and
//! `scoring` turns a finished round into weighted scores and a verdict,
//! `review` builds the scoring form and the history's phase overruns.

pub mod clock;
pub mod driver;
pub mod engine;
pub mod review;
pub mod scoring;
pub mod templates;

pub use clock::{Clock, FakeClock, SystemClock};
pub use driver::{Command, DriverConfig, DriverError, Sink, TimerHandle};
pub use engine::{
    Ending, EngineError, EventKind, Pace, PauseReason, PhaseTime, RunState, Session, Status,
    TimerEvent,
};
pub use templates::{Phase, RoundKind, Template, TemplateError, TemplateId};
