//! Practice: the dated log of what the candidate did, the seed's daily and
//! weekly minimums, the streak, the explainable readiness score and the
//! dashboard's chart series. Pure domain
//! code: no Tauri, no SQL, no clock reads; callers pass today's date and the
//! entries (typed-in ones and those derived from revisions and mock
//! sessions) and persist or render what comes out.

pub mod charts;
pub mod error;
pub mod ledger;
pub mod log;
pub mod minimums;
pub mod readiness;
pub mod rules;
pub mod streak;

pub use error::{Field, PracticeError};
pub use log::{Activity, Difficulty, Entry, EntryKind, Pattern, RoundKind};
pub use minimums::{Minimums, Status};
pub use readiness::{readiness, Readiness, ReadinessInput};
pub use streak::{streak, Streak};
