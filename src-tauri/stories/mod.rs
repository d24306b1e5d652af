//! STAR stories and the 16 Leadership Principles: the draft model and its
//! validation, spoken-length estimates, lint, coverage across the bank and
//! practice scheduling. Pure domain code: no Tauri, no SQL, no clock reads;
//! callers pass dates in and persist what comes out.

pub mod coverage;
pub mod error;
pub mod lint;
pub mod markdown;
pub mod model;
pub mod principles;
pub mod questions;
pub mod review;
pub mod sheet;
pub mod speaking;
mod text;

pub use error::{Field, StoryError};
pub use model::{Scope, StarPart, StoryDraft};
pub use principles::{Focus, Principle};
pub use text::word_count;
